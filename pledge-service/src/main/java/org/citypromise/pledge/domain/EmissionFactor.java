package org.citypromise.pledge.domain;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * How much greenhouse gas one unit of an activity emits.
 *
 * @param code   what it is a factor of, e.g. {@code GRID_ELECTRICITY}, {@code LPG}
 * @param value  kilograms CO2e per activity unit
 * @param unit   e.g. {@code kgCO2e/kWh}
 * @param source where the value comes from: every factor cites it
 * @param year   the year a city's factor describes; null for catalog defaults
 * @param origin whether the city published it or it is the catalog's default
 */
public record EmissionFactor(String code, BigDecimal value, String unit, String source, Integer year, Origin origin) {

    public enum Origin {
        /** Published by the city (inventory-service); takes precedence. */
        CITY,
        /** The catalog's default, used where the city has published none. */
        DEFAULT
    }

    public EmissionFactor {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(origin, "origin");
        if (value.signum() < 0) {
            throw new IllegalArgumentException("an emission factor is never negative");
        }
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("an emission factor must cite its source");
        }
    }

    static EmissionFactor byDefault(String code, String value, String unit, String source) {
        return new EmissionFactor(code, new BigDecimal(value), unit, source, null, Origin.DEFAULT);
    }
}
