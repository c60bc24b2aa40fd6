package org.citypromise.web.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.math.BigDecimal;
import java.util.List;

/** Cities ranked ({@code GET /api/v1/leaderboard}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Leaderboard(String sortBy, List<Place> items, int page, int size, long totalItems) {

    public Leaderboard {
        items = items == null ? List.of() : items;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Place(int rank, String cityId, String name, String countryCode, BigDecimal pledgedTco2ePerYear,
                        BigDecimal tco2ePerCapita, BigDecimal gapCoveragePercent) {
    }
}
