package org.citypromise.aggregation.domain;

import java.math.BigDecimal;

/**
 * Amounts of CO2e. Views keep them as whole grams in a {@code long}: integer sums are exact and do not
 * depend on the order events are applied in, so a view rebuilt from history equals the live one to
 * the gram. Estimates arrive with at most six decimals of a tonne, i.e. whole grams.
 */
public final class Tco2e {

    public static final int GRAM_SCALE = 6;

    private Tco2e() {
    }

    /** Grams in {@code tonnes}; refuses anything finer than a gram rather than round it silently. */
    public static long toGrams(BigDecimal tonnes) {
        if (tonnes == null) {
            throw new IllegalArgumentException("an amount of tCO2e is required");
        }
        try {
            return tonnes.movePointRight(GRAM_SCALE).setScale(0).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("not a whole number of grams, or too large: " + tonnes, e);
        }
    }

    /** Tonnes in {@code grams}, with exactly six decimals. */
    public static BigDecimal fromGrams(long grams) {
        return BigDecimal.valueOf(grams, GRAM_SCALE);
    }
}
