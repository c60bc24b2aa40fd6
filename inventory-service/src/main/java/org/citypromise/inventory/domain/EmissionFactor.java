package org.citypromise.inventory.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A city's own emission factor for an activity, which takes precedence over the catalog's default in
 * every pledge estimate there. Grid electricity is city- or country-specific, so cities supply it.
 *
 * @param code   what it is a factor of, e.g. {@code GRID_ELECTRICITY}
 * @param value  kilograms CO2e per activity unit
 * @param unit   e.g. {@code kgCO2e/kWh}
 * @param source where the value comes from: required, as for every factor
 * @param year   the year the factor describes
 */
public record EmissionFactor(String code, BigDecimal value, String unit, String source, int year) {

    /** Factors whose unit is fixed, because the pledge catalog estimates with them in that unit. */
    public static final Map<String, String> KNOWN_UNITS = Map.ofEntries(
            Map.entry("GRID_ELECTRICITY", "kgCO2e/kWh"),
            Map.entry("LPG", "kgCO2e/kg"),
            Map.entry("MOTOR_GASOLINE", "kgCO2e/kg"),
            Map.entry("GAS_DIESEL_OIL", "kgCO2e/kg"),
            Map.entry("NATURAL_GAS", "kgCO2e/kWh"),
            Map.entry("CAR_KM", "kgCO2e/km"),
            Map.entry("CAR_TO_TRANSIT_KM", "kgCO2e/km"),
            Map.entry("LANDFILLED_FOOD_WASTE", "kgCO2e/kg"),
            Map.entry("LANDFILLED_RECYCLABLES", "kgCO2e/kg"),
            Map.entry("OPEN_BURNED_WASTE", "kgCO2e/kg"),
            Map.entry("WATER_SUPPLY", "kgCO2e/m3"),
            Map.entry("TREE_SEQUESTRATION", "kgCO2e/tree"),
            Map.entry("URBAN_FARM_PRODUCE", "kgCO2e/kg"));
    public static final BigDecimal MAX_VALUE = new BigDecimal("1000000");
    public static final int MAX_FACTORS = 100;
    /** Finer than any published factor; a value of 40 digits could not even be stored (Decimal128). */
    public static final int MAX_VALUE_DECIMALS = 10;
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,63}");

    /** A factor as a client submits it. */
    public record Submission(String code, BigDecimal value, String unit, String source, Integer year) {
    }

    /** Validates a city's factor list, naming every problem by its field ({@code factors[1].unit}, ...). */
    public static List<EmissionFactor> publish(List<Submission> factors, int currentYear) {
        Violations v = new Violations()
                .require(factors != null && !factors.isEmpty(), "factors", "must hold at least one factor")
                .require(factors == null || factors.size() <= MAX_FACTORS, "factors", "must hold at most " + MAX_FACTORS);
        List<EmissionFactor> accepted = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        for (int i = 0; factors != null && i < Math.min(factors.size(), MAX_FACTORS); i++) {
            Submission f = factors.get(i);
            String field = "factors[" + i + "]";
            if (f == null) {
                v.require(false, field, "must be a factor object");
                continue;
            }
            String knownUnit = f.code() == null ? null : KNOWN_UNITS.get(f.code());
            v.require(f.code() != null && CODE.matcher(f.code()).matches(), field + ".code",
                            "must be an upper-case code such as GRID_ELECTRICITY")
                    .require(f.code() == null || codes.add(f.code()), field + ".code", "appears twice")
                    .require(f.value() != null && f.value().signum() >= 0 && f.value().compareTo(MAX_VALUE) <= 0
                                    && f.value().stripTrailingZeros().scale() <= MAX_VALUE_DECIMALS,
                            field + ".value", "must be a number between 0 and " + MAX_VALUE.toPlainString() + ", at most "
                                    + MAX_VALUE_DECIMALS + " decimals")
                    .require(f.unit() != null && !f.unit().isBlank() && f.unit().length() <= 40, field + ".unit",
                            "is required, at most 40 characters")
                    .require(knownUnit == null || knownUnit.equals(f.unit()), field + ".unit",
                            "must be " + knownUnit + " for " + f.code())
                    .require(f.source() != null && !f.source().isBlank() && f.source().length() <= 500,
                            field + ".source", "is required (at most 500 characters): every factor cites its source")
                    .require(Text.isPrintable(f.source()), field + ".source", Text.RULE)
                    .require(Text.isPrintable(f.unit()), field + ".unit", Text.RULE)
                    .require(f.year() != null && f.year() >= GpcInventory.EARLIEST_YEAR && f.year() <= currentYear,
                            field + ".year", "must be between " + GpcInventory.EARLIEST_YEAR + " and " + currentYear);
            if (f.code() != null && f.value() != null && f.unit() != null && f.source() != null && f.year() != null) {
                accepted.add(new EmissionFactor(f.code(), f.value(), f.unit(), f.source().strip(), f.year()));
            }
        }
        v.throwIfAny();
        return accepted;
    }
}
