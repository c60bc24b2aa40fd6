package org.citypromise.web.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A city's community contribution as aggregation-service answers {@code GET /api/v1/cities/{cityId}/contributions}
 * (and carries in a city-contributions snapshot): only the fields the pages show.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CityContribution(String cityId, String name, String countryCode, Long population, long pledgeCount,
                               Map<String, Long> countsByStatus, long participantCount,
                               BigDecimal pledgedTco2ePerYear, BigDecimal restatedTco2ePerYear,
                               BigDecimal achievedTco2ePerYear, Map<String, Tally> byStakeholderType,
                               Map<String, Tally> bySector, Map<String, Tally> byArea, List<Day> daily,
                               InventoryTotals latestInventory, TargetSummary target,
                               BigDecimal targetEmissionsTco2e, BigDecimal targetGapTco2e,
                               BigDecimal gapCoveragePercent, Instant updatedAt) {

    public CityContribution {
        countsByStatus = countsByStatus == null ? Map.of() : countsByStatus;
        byStakeholderType = byStakeholderType == null ? Map.of() : byStakeholderType;
        bySector = bySector == null ? Map.of() : bySector;
        byArea = byArea == null ? Map.of() : byArea;
        daily = daily == null ? List.of() : daily;
    }

    /** A breakdown group (groups of fewer than five participants are left out by the API); participants unknown when absent. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Tally(long pledgeCount, BigDecimal pledgedTco2ePerYear, Long participantCount) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Day(LocalDate date, long newPledges, BigDecimal pledgedTco2ePerYearChange) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record InventoryTotals(int year, BigDecimal basicTco2e, BigDecimal basicPlusTco2e,
                                  BigDecimal territorialTco2e) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TargetSummary(String type, Integer baseYear, int targetYear, List<String> sectors,
                                String boundary) {
    }
}
