package org.citypromise.inventory.messaging;

import org.citypromise.inventory.domain.Gas;
import org.citypromise.inventory.domain.VersionedTarget;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * {@value InventoryEvents#TARGET_SET}: a city set or changed its target, or the levels computed from it
 * changed because its base-year inventory was (re-)published. {@code targetEmissionsTco2e} is what the
 * target allows in {@code targetYear}; null while a base-year target's base-year inventory is missing.
 */
public record TargetSet(String cityId, long version, String type, Integer baseYear, int targetYear,
                        BigDecimal reductionPercent, BigDecimal baselineEmissionsTco2e, BigDecimal targetLevelTco2e,
                        Long baseYearPopulation, Long targetYearPopulation, List<String> sectors, List<String> gases,
                        String boundary, BigDecimal baseYearEmissionsTco2e, BigDecimal targetEmissionsTco2e,
                        Instant setAt) {

    public static TargetSet of(VersionedTarget stored) {
        var t = stored.target();
        return new TargetSet(t.city().value(), stored.version(), t.type().name(), t.baseYear(), t.targetYear(),
                t.reductionPercent(), t.baselineEmissionsTco2e(), t.fixedLevelTco2e(), t.baseYearPopulation(),
                t.targetYearPopulation(), t.sectors().stream().sorted().map(Enum::name).toList(),
                t.gases().stream().sorted().map(Gas::jsonName).toList(), t.boundary().name(),
                stored.baseYearEmissionsTco2e(), stored.targetEmissionsTco2e(), stored.changedAt());
    }
}
