package org.citypromise.web.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/** A published GPC inventory ({@code GET /api/v1/cities/{cityId}/inventories/{year}}): its totals. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Inventory(String cityId, int year, String gwpSet, Totals totals, Map<String, Totals> bySector,
                        Instant publishedAt) {

    public Inventory {
        bySector = bySector == null ? Map.of() : bySector;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Totals(BigDecimal basic, BigDecimal basicPlus, BigDecimal territorial) {
    }
}
