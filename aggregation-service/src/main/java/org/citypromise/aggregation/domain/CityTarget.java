package org.citypromise.aggregation.domain;

import java.util.Set;

/**
 * A city's target as the views need it: the emissions it allows in its target year, within its
 * sectors and at its inventory boundary.
 *
 * @param targetEmissionsGrams null while inventory-service cannot compute it (base-year inventory missing)
 */
public record CityTarget(String type, Integer baseYear, int targetYear, Set<GpcSector> sectors, Boundary boundary,
                         Long targetEmissionsGrams) {

    public enum Boundary { BASIC, BASIC_PLUS, TERRITORIAL }

    public CityTarget {
        sectors = Set.copyOf(sectors);
    }
}
