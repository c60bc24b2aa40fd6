package org.citypromise.aggregation.domain;

import java.time.Instant;
import java.util.Map;

/**
 * A city's community contribution as the view holds it: what its stakeholders have pledged, in total
 * and broken down, with the city's registration as far as it is known.
 *
 * @param name        null until the city's registration has been seen
 * @param pledgeCount          every pledge, whatever its status
 * @param participantCount     distinct participants (by pseudonym) who pledged in the city
 * @param pledgedGramsPerYear  the estimates of standing (active and fulfilled) pledges; see {@link Tco2e}
 * @param achievedGramsPerYear what progress reports say is achieved, all pledges
 * @param byStatus             pledges per status, each with its estimates (whether they stand or not)
 * @param latestInventory      null until an inventory of the city has been published
 * @param target               null until the city has set one
 * @param daily                per day (UTC): new pledges, and the net change of pledged grams
 */
public record CityContribution(String cityId, String name, String countryCode, Long population, long pledgeCount,
                               long participantCount,
                               long pledgedGramsPerYear, long achievedGramsPerYear,
                               Map<PledgeStatus, Tally> byStatus,
                               Map<StakeholderType, Tally> byStakeholderType,
                               Map<GpcSector, Tally> bySector, Map<PledgeArea, Tally> byArea,
                               Map<String, Restatement.FactorTally> byFactor,
                               Map<String, Restatement.FactorTally> activeByFactor,
                               Map<String, Restatement.CityFactor> cityFactors,
                               java.util.SortedMap<java.time.LocalDate, Tally> daily,
                               LatestInventory latestInventory, CityTarget target,
                               Instant updatedAt) {

    /** Standing pledges' estimates restated under the city's own factors; as pledged where it has none. */
    public long restatedGramsPerYear() {
        return Restatement.restatedGrams(pledgedGramsPerYear, byFactor, cityFactors);
    }

    /** Active pledges' estimates restated under the city's own factors; as pledged where it has none. */
    public long activeRestatedGramsPerYear() {
        Tally active = byStatus.get(PledgeStatus.ACTIVE);
        return Restatement.restatedGrams(active == null ? 0 : active.pledgedGramsPerYear(), activeByFactor, cityFactors);
    }

    /**
     * The gap to the target and how much of it active pledges cover, under the city's current factors;
     * null until both are known.
     */
    public TargetGap gap() {
        return TargetGap.of(latestInventory, target, activeRestatedGramsPerYear());
    }

    /**
     * A count of pledges and the grams (of the standing ones) they add up to; in a view's breakdowns also
     * the distinct participants (by pseudonym) who pledged in the group, so that the public answer can leave
     * out groups too small to hide who is in them (see {@link Disclosure}).
     */
    public record Tally(long pledgeCount, long pledgedGramsPerYear, long participantCount) {

        /** A change of counts, or a group whose participants are not counted. */
        public Tally(long pledgeCount, long pledgedGramsPerYear) {
            this(pledgeCount, pledgedGramsPerYear, 0);
        }
    }
}
