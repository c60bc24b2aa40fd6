package org.citypromise.aggregation.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * Standing pledges' estimates restated under the city's own emission factors. An estimate is activity x
 * factor, so per factor code the restated grams are the summed activity (in thousandths of a unit) times
 * the city's factor (kg per unit): milli-units x kg/unit = grams. Codes the city has no factor for, in
 * the same unit, stay as pledged.
 */
public final class Restatement {

    /** Standing pledges' activity and as-pledged grams under one factor code. */
    public record FactorTally(String unit, long milliQuantity, long grams) {
    }

    /** A city's own factor: kg CO2e per unit. */
    public record CityFactor(BigDecimal kgPerUnit, String unit) {
    }

    private Restatement() {
    }

    /**
     * @param pledgedGrams all standing pledges' as-pledged grams, including those counted before factor
     *                     uses were recorded, which stay as pledged
     */
    public static long restatedGrams(long pledgedGrams, Map<String, FactorTally> byFactor,
                                     Map<String, CityFactor> cityFactors) {
        long restated = pledgedGrams;
        for (Map.Entry<String, FactorTally> entry : byFactor.entrySet()) {
            FactorTally tally = entry.getValue();
            CityFactor factor = cityFactors.get(entry.getKey());
            if (factor != null && factor.unit().equals(tally.unit())) {
                long grams = BigDecimal.valueOf(tally.milliQuantity()).multiply(factor.kgPerUnit())
                        .setScale(0, RoundingMode.HALF_EVEN).longValueExact();
                restated = Math.addExact(restated, grams - tally.grams());
            }
        }
        return restated;
    }
}
