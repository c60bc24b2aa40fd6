package org.citypromise.inventory.domain;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A target with what follows from it, the version it is at and when it changed.
 *
 * @param baseYearEmissionsTco2e   the covered base-year emissions, null until that inventory is published
 * @param targetEmissionsTco2e     what the target allows in its target year, null until computable
 * @param basedOnInventoryVersion  the base-year inventory version those were computed from, 0 if none
 */
public record VersionedTarget(Target target, BigDecimal baseYearEmissionsTco2e, BigDecimal targetEmissionsTco2e,
                              long basedOnInventoryVersion, long version, Instant changedAt) {
}
