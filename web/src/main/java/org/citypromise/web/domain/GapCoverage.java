package org.citypromise.web.domain;

import java.math.BigDecimal;

/**
 * How much of the gap to the target pledges cover, as a progress bar shows it: the API's percentage held
 * to 0–100 (pledges can exceed the gap; the number beside the bar says by how much).
 */
public final class GapCoverage {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private GapCoverage() {
    }

    public static BigDecimal barValue(BigDecimal percent) {
        if (percent == null || percent.signum() < 0) {
            return BigDecimal.ZERO;
        }
        return percent.min(HUNDRED);
    }
}
