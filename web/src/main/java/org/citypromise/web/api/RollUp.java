package org.citypromise.web.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.math.BigDecimal;

/** Many cities' contributions added up ({@code GET /api/v1/contributions/global}): the fields the pages show. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RollUp(String scope, int cityCount, long population, long pledgeCount, long participantCount,
                     BigDecimal pledgedTco2ePerYear, BigDecimal achievedTco2ePerYear, BigDecimal targetGapTco2e,
                     BigDecimal gapCoveragePercent) {
}
