package org.citypromise.aggregation.domain;

import java.util.Map;

/** The totals of a city's most recent GPC inventory, in grams CO2e, overall and per sector. */
public record LatestInventory(int year, Totals overall, Map<GpcSector, Totals> bySector) {

    public record Totals(long basicGrams, long basicPlusGrams, long territorialGrams) {

        long at(CityTarget.Boundary boundary) {
            return switch (boundary) {
                case BASIC -> basicGrams;
                case BASIC_PLUS -> basicPlusGrams;
                case TERRITORIAL -> territorialGrams;
            };
        }
    }

    public LatestInventory {
        bySector = Map.copyOf(bySector);
    }

    /** The inventory's emissions within the target's sectors, at its boundary. */
    public long coveredBy(CityTarget target) {
        long covered = 0;
        for (GpcSector sector : target.sectors()) {
            Totals totals = bySector.get(sector);
            if (totals != null) {
                covered = Math.addExact(covered, totals.at(target.boundary()));
            }
        }
        return covered;
    }
}
