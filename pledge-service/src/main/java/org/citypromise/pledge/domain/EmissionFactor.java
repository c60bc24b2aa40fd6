package org.citypromise.pledge.domain;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * How much greenhouse gas one unit of an activity emits.
 *
 * @param value  kilograms of CO2 (or CO2e) per activity unit
 * @param unit   e.g. {@code kgCO2/kg}
 * @param source where the value comes from; a default factor must cite it
 */
public record EmissionFactor(BigDecimal value, String unit, String source) {

    public EmissionFactor {
        Objects.requireNonNull(value, "value");
        if (value.signum() < 0) {
            throw new IllegalArgumentException("an emission factor is never negative");
        }
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("an emission factor must cite its source");
        }
    }
}
