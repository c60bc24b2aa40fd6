package org.citypromise.inventory.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A city's mitigation target: how much it may emit in the target year, within the sectors and at the
 * inventory boundary it covers.
 *
 * @param reductionPercent       for every type but {@link TargetType#FIXED_LEVEL}
 * @param baselineEmissionsTco2e the business-as-usual projection, for {@link TargetType#BASELINE_SCENARIO}
 * @param fixedLevelTco2e        the level, for {@link TargetType#FIXED_LEVEL}
 * @param baseYearPopulation     for {@link TargetType#BASE_YEAR_INTENSITY}
 * @param targetYearPopulation   the population expected in the target year, for intensity targets
 */
public record Target(CityId city, TargetType type, Integer baseYear, int targetYear, BigDecimal reductionPercent,
                     BigDecimal baselineEmissionsTco2e, BigDecimal fixedLevelTco2e, Long baseYearPopulation,
                     Long targetYearPopulation, Set<GpcSector> sectors, Set<Gas> gases, InventoryBoundary boundary) {

    public static final int LATEST_TARGET_YEAR = 2100;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public Target {
        sectors = Set.copyOf(sectors);
        gases = Set.copyOf(gases);
    }

    /** A target as a client submits it; anything may be missing or wrong. */
    public record Submission(String type, Integer baseYear, Integer targetYear, BigDecimal reductionPercent,
                             BigDecimal baselineEmissionsTco2e, BigDecimal targetLevelTco2e, Long baseYearPopulation,
                             Long targetYearPopulation, List<String> sectors, List<String> gases, String boundary) {
    }

    /** Validates a submitted target, reporting every problem against its field. */
    public static Target set(CityId city, Submission s) {
        Violations v = new Violations();
        TargetType type = parse(TargetType.class, s.type(), "type", v);
        InventoryBoundary boundary = s.boundary() == null ? InventoryBoundary.BASIC
                : parse(InventoryBoundary.class, s.boundary(), "boundary", v);
        boolean needsBaseYear = type == TargetType.BASE_YEAR || type == TargetType.BASE_YEAR_INTENSITY;
        v.require(s.targetYear() != null, "targetYear", "is required")
                .require(s.targetYear() == null || (s.targetYear() > GpcInventory.EARLIEST_YEAR
                        && s.targetYear() <= LATEST_TARGET_YEAR), "targetYear",
                        "must be after " + GpcInventory.EARLIEST_YEAR + " and at most " + LATEST_TARGET_YEAR)
                .require(!needsBaseYear || s.baseYear() != null, "baseYear", "is required for " + type + " targets")
                .require(s.baseYear() == null || s.baseYear() >= GpcInventory.EARLIEST_YEAR, "baseYear",
                        "must be " + GpcInventory.EARLIEST_YEAR + " or later")
                .require(s.baseYear() == null || s.targetYear() == null || s.targetYear() > s.baseYear(), "targetYear",
                        "must be after the base year");
        if (type != null && type != TargetType.FIXED_LEVEL) {
            v.require(s.reductionPercent() != null && s.reductionPercent().signum() > 0
                            && s.reductionPercent().compareTo(HUNDRED) <= 0
                            && s.reductionPercent().stripTrailingZeros().scale() <= 4, "reductionPercent",
                    "must be more than 0 and at most 100 (at most 4 decimals) for " + type + " targets");
        } else if (type == TargetType.FIXED_LEVEL) {
            v.require(s.reductionPercent() == null, "reductionPercent", "does not go with FIXED_LEVEL targets; give targetLevelTco2e")
                    .require(s.targetLevelTco2e() != null, "targetLevelTco2e", "is required for FIXED_LEVEL targets (0 for net zero)")
                    .require(s.targetLevelTco2e() == null || tonnes(s.targetLevelTco2e()), "targetLevelTco2e",
                            "must be between 0 and " + GpcInventory.MAX_TONNES.toPlainString() + ", at most 6 decimals");
        }
        if (type == TargetType.BASELINE_SCENARIO) {
            v.require(s.baselineEmissionsTco2e() != null && tonnes(s.baselineEmissionsTco2e())
                    && s.baselineEmissionsTco2e().signum() > 0, "baselineEmissionsTco2e",
                    "is required for BASELINE_SCENARIO targets: the business-as-usual emissions of the target year");
        }
        if (type == TargetType.BASE_YEAR_INTENSITY) {
            v.require(s.baseYearPopulation() != null && s.baseYearPopulation() > 0
                            && s.baseYearPopulation() <= City.MAX_POPULATION, "baseYearPopulation",
                            "is required for BASE_YEAR_INTENSITY targets, between 1 and " + City.MAX_POPULATION)
                    .require(s.targetYearPopulation() != null && s.targetYearPopulation() > 0
                            && s.targetYearPopulation() <= City.MAX_POPULATION, "targetYearPopulation",
                            "is required for BASE_YEAR_INTENSITY targets, between 1 and " + City.MAX_POPULATION);
        }
        Set<GpcSector> sectors = EnumSet.noneOf(GpcSector.class);
        if (s.sectors() == null || s.sectors().isEmpty()) {
            sectors.addAll(EnumSet.range(GpcSector.I, GpcSector.V));
        } else {
            for (int i = 0; i < s.sectors().size(); i++) {
                GpcSector sector = parse(GpcSector.class, s.sectors().get(i), "sectors[" + i + "]", v);
                if (sector != null) {
                    sectors.add(sector);
                }
            }
        }
        Set<Gas> gases = EnumSet.noneOf(Gas.class);
        if (s.gases() == null || s.gases().isEmpty()) {
            gases.addAll(EnumSet.allOf(Gas.class));
        } else {
            for (int i = 0; i < s.gases().size(); i++) {
                Gas gas = Gas.fromJsonName(s.gases().get(i));
                v.require(gas != null, "gases[" + i + "]", "is not a Kyoto gas (CO2, CH4, CH4_fossil, N2O, HFCs, PFCs, SF6, NF3)");
                if (gas != null) {
                    gases.add(gas);
                }
            }
        }
        v.throwIfAny();
        return new Target(city, type, s.baseYear(), s.targetYear(), s.reductionPercent(),
                type == TargetType.BASELINE_SCENARIO ? s.baselineEmissionsTco2e() : null,
                type == TargetType.FIXED_LEVEL ? s.targetLevelTco2e() : null,
                type == TargetType.BASE_YEAR_INTENSITY ? s.baseYearPopulation() : null,
                type == TargetType.BASE_YEAR_INTENSITY ? s.targetYearPopulation() : null,
                sectors, gases, boundary);
    }

    /** Whether the target is measured against a base-year inventory, which must be known to compute it. */
    public boolean needsBaseYearInventory() {
        return type == TargetType.BASE_YEAR || type == TargetType.BASE_YEAR_INTENSITY;
    }

    /** The base year's emissions within the target's sectors and boundary. */
    public BigDecimal coveredEmissions(InventoryTotals totals) {
        BigDecimal covered = BigDecimal.ZERO;
        for (GpcSector sector : sectors) {
            InventoryTotals.Totals sectorTotals = totals.bySector().get(sector);
            if (sectorTotals != null) {
                covered = covered.add(boundary.of(sectorTotals));
            }
        }
        return covered;
    }

    /**
     * The emissions the target allows in the target year, in tCO2e; empty while a base-year target's
     * base-year inventory is not published.
     */
    public Optional<BigDecimal> targetEmissions(Optional<InventoryTotals> baseYearInventory) {
        BigDecimal remaining = reductionPercent == null ? null
                : HUNDRED.subtract(reductionPercent).divide(HUNDRED, 10, RoundingMode.UNNECESSARY);
        BigDecimal level = switch (type) {
            case FIXED_LEVEL -> fixedLevelTco2e;
            case BASELINE_SCENARIO -> baselineEmissionsTco2e.multiply(remaining);
            case BASE_YEAR -> baseYearInventory.map(totals -> coveredEmissions(totals).multiply(remaining)).orElse(null);
            case BASE_YEAR_INTENSITY -> baseYearInventory.map(totals -> coveredEmissions(totals)
                    .multiply(remaining).multiply(BigDecimal.valueOf(targetYearPopulation))
                    .divide(BigDecimal.valueOf(baseYearPopulation), 12, RoundingMode.HALF_EVEN)).orElse(null);
        };
        return Optional.ofNullable(level).map(l -> l.setScale(GpcInventory.TONNE_SCALE, RoundingMode.HALF_EVEN));
    }

    private static boolean tonnes(BigDecimal value) {
        return value.signum() >= 0 && value.compareTo(GpcInventory.MAX_TONNES) <= 0
                && value.stripTrailingZeros().scale() <= GpcInventory.TONNE_SCALE; // to the gram
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field, Violations v) {
        if (value == null) {
            v.require(false, field, "is required");
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            names.add(constant.name());
        }
        v.require(false, field, "must be one of " + String.join(", ", names));
        return null;
    }
}
