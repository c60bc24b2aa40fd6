package org.citypromise.web.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.math.BigDecimal;
import java.util.List;

/** A city's mitigation target ({@code GET /api/v1/cities/{cityId}/target}) and the emissions it allows. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Target(String cityId, String type, Integer baseYear, int targetYear, BigDecimal reductionPercent,
                     BigDecimal baselineEmissionsTco2e, BigDecimal targetLevelTco2e, List<String> sectors,
                     String boundary, BigDecimal baseYearEmissionsTco2e, BigDecimal targetEmissionsTco2e) {

    public Target {
        sectors = sectors == null ? List.of() : sectors;
    }
}
