package org.citypromise.aggregation.domain;

import java.time.Instant;
import java.util.Map;

/**
 * A city's community contribution as the view holds it: what its stakeholders have pledged, in total
 * and broken down, with the city's registration as far as it is known.
 *
 * @param name        null until the city's registration has been seen
 * @param pledgedGramsPerYear grams of CO2e per year; see {@link Tco2e}
 */
public record CityContribution(String cityId, String name, String countryCode, Long population, long pledgeCount,
                               long pledgedGramsPerYear, Map<StakeholderType, Tally> byStakeholderType,
                               Map<GpcSector, Tally> bySector, Instant updatedAt) {

    /** A count of pledges and the grams they add up to. */
    public record Tally(long pledgeCount, long pledgedGramsPerYear) {
    }
}
