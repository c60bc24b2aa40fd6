package org.citypromise.aggregation.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How far a city's latest inventory is from what its target allows, and how much of that distance its
 * community's active pledges cover.
 *
 * @param currentGrams    the latest inventory's emissions within the target's sectors and boundary
 * @param gapGrams        current minus allowed; 0 when the latest inventory is already within the target
 * @param coveragePercent active pledges' estimates as a share of the gap, two decimals; null when there is
 *                        no gap to cover
 */
public record TargetGap(long currentGrams, long allowedGrams, long gapGrams, BigDecimal coveragePercent) {

    /** Null when the target's level or the latest inventory is not known yet. */
    public static TargetGap of(LatestInventory inventory, CityTarget target, long activePledgedGrams) {
        if (inventory == null || target == null || target.targetEmissionsGrams() == null) {
            return null;
        }
        long current = inventory.coveredBy(target);
        long gap = Math.max(0, current - target.targetEmissionsGrams());
        BigDecimal coverage = gap == 0 ? null : BigDecimal.valueOf(activePledgedGrams).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(gap), 2, RoundingMode.HALF_EVEN);
        return new TargetGap(current, target.targetEmissionsGrams(), gap, coverage);
    }
}
