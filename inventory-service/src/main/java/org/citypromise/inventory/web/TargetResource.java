package org.citypromise.inventory.web;

import io.swagger.v3.oas.annotations.media.Schema;
import org.citypromise.inventory.domain.Gas;
import org.citypromise.inventory.domain.Target;
import org.citypromise.inventory.domain.VersionedTarget;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A city's target as the API shows it, with the emissions it allows in its target year ({@code
 * targetEmissionsTco2e}, null while a base-year target's base-year inventory is missing).
 */
@Schema(description = "A city's mitigation target and the emissions it allows")
record TargetResource(String cityId, long version, String type, Integer baseYear, int targetYear,
                      BigDecimal reductionPercent, BigDecimal baselineEmissionsTco2e, BigDecimal targetLevelTco2e,
                      Long baseYearPopulation, Long targetYearPopulation, List<String> sectors, List<String> gases,
                      String boundary, BigDecimal baseYearEmissionsTco2e, BigDecimal targetEmissionsTco2e,
                      Instant setAt) {

    static TargetResource of(VersionedTarget stored) {
        Target t = stored.target();
        return new TargetResource(t.city().value(), stored.version(), t.type().name(), t.baseYear(), t.targetYear(),
                t.reductionPercent(), t.baselineEmissionsTco2e(), t.fixedLevelTco2e(), t.baseYearPopulation(),
                t.targetYearPopulation(), t.sectors().stream().sorted().map(Enum::name).toList(),
                t.gases().stream().sorted().map(Gas::jsonName).toList(), t.boundary().name(),
                stored.baseYearEmissionsTco2e(), stored.targetEmissionsTco2e(), stored.changedAt());
    }
}
