package org.citypromise.web.domain;

import java.math.BigDecimal;

/**
 * What an open city page updates when a pledge lands: the snapshot's numbers, with the snapshot's version
 * (it only grows; a page keeps the highest it has seen).
 */
public record LiveNumbers(String cityId, long version, long pledgeCount, long participantCount,
                          BigDecimal pledgedTco2ePerYear, BigDecimal achievedTco2ePerYear,
                          BigDecimal gapCoveragePercent) {

    public boolean newerThan(LiveNumbers other) {
        return other == null || version > other.version;
    }
}
