package org.citypromise.aggregation.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.citypromise.aggregation.domain.CityContribution;
import org.citypromise.aggregation.domain.CityTarget;
import org.citypromise.aggregation.domain.LatestInventory;
import org.citypromise.aggregation.domain.TargetGap;
import org.citypromise.aggregation.domain.Tco2e;
import org.citypromise.aggregation.store.ContributionStore;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

@RestController
@Tag(name = "Contributions", description = "What each city's community has pledged, live")
class ContributionController {

    static final int MAX_PAGE_SIZE = 200;
    private static final Pattern CITY_SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private final ContributionStore store;

    ContributionController(ContributionStore store) {
        this.store = store;
    }

    record Tally(long pledgeCount, @Schema(example = "0.358156") BigDecimal pledgedTco2ePerYear) {
        static Tally of(CityContribution.Tally tally) {
            return new Tally(tally.pledgeCount(), Tco2e.fromGrams(tally.pledgedGramsPerYear()));
        }
    }

    record Day(java.time.LocalDate date, long newPledges, BigDecimal pledgedTco2ePerYearChange) {
    }

    @Schema(description = "Totals of the city's latest GPC inventory, tCO2e")
    record InventoryTotals(@Schema(example = "2022") int year, BigDecimal basicTco2e, BigDecimal basicPlusTco2e,
                           BigDecimal territorialTco2e) {
        static InventoryTotals of(LatestInventory inventory) {
            return inventory == null ? null : new InventoryTotals(inventory.year(),
                    Tco2e.fromGrams(inventory.overall().basicGrams()), Tco2e.fromGrams(inventory.overall().basicPlusGrams()),
                    Tco2e.fromGrams(inventory.overall().territorialGrams()));
        }
    }

    @Schema(description = "The city's target as inventory-service publishes it")
    record TargetSummary(@Schema(example = "BASE_YEAR") String type, @Schema(example = "2005") Integer baseYear,
                         @Schema(example = "2030") int targetYear, List<String> sectors,
                         @Schema(example = "BASIC") String boundary) {
        static TargetSummary of(CityTarget target) {
            return target == null ? null : new TargetSummary(target.type(), target.baseYear(), target.targetYear(),
                    target.sectors().stream().sorted().map(Enum::name).toList(), target.boundary().name());
        }
    }

    @Schema(description = "A city's community contribution")
    record Contributions(
            @Schema(example = "pasig-city") String cityId,
            @Schema(example = "Pasig City", nullable = true) String name,
            @Schema(example = "PH", nullable = true) String countryCode,
            @Schema(example = "803159", nullable = true) Long population,
            @Schema(example = "1", description = "Every pledge, whatever its status") long pledgeCount,
            @Schema(description = "Pledges per status: ACTIVE, FULFILLED, WITHDRAWN, LAPSED")
            Map<String, Long> countsByStatus,
            @Schema(example = "1", description = "Distinct participants who pledged here (counted by pseudonym)")
            long participantCount,
            @Schema(example = "0.358156", description = "Sum of the estimates of standing (active and fulfilled) "
                    + "pledges, tCO2e per year") BigDecimal pledgedTco2ePerYear,
            @Schema(description = "The same pledges restated under the city's own emission factors as published now "
                    + "(as pledged where the city has none for their factor); pledgedTco2ePerYear keeps them as pledged")
            BigDecimal restatedTco2ePerYear,
            @Schema(example = "0.179078", description = "What progress reports say is achieved, tCO2e per year")
            BigDecimal achievedTco2ePerYear,
            Map<String, Tally> byStakeholderType,
            @Schema(description = "By GPC sector (I stationary energy ... VI other scope 3)")
            Map<String, Tally> bySector,
            @Schema(description = "By Promise of Seoul area (ENERGY, TRANSPORT, WASTE_TO_RESOURCE, ...)")
            Map<String, Tally> byArea,
            @Schema(description = "Per day (UTC), oldest first: new pledges and the net change of pledged tCO2e per year")
            List<Day> daily,
            @Schema(nullable = true) InventoryTotals latestInventory,
            @Schema(nullable = true) TargetSummary target,
            @Schema(description = "What the target allows in its target year; null until known", nullable = true)
            BigDecimal targetEmissionsTco2e,
            @Schema(description = "The latest inventory's covered emissions less what the target allows; 0 once "
                    + "within the target; null until both are known", nullable = true)
            BigDecimal targetGapTco2e,
            @Schema(description = "Active pledges' estimates as a share of the gap, %; null without a gap", nullable = true)
            BigDecimal gapCoveragePercent,
            Instant updatedAt) {

        static Contributions of(CityContribution view) {
            TargetGap gap = view.gap();
            Long allowed = view.target() == null ? null : view.target().targetEmissionsGrams();
            return new Contributions(view.cityId(), view.name(), view.countryCode(), view.population(),
                    view.pledgeCount(), statusCounts(view.byStatus()), view.participantCount(),
                    Tco2e.fromGrams(view.pledgedGramsPerYear()),
                    Tco2e.fromGrams(view.restatedGramsPerYear()),
                    Tco2e.fromGrams(view.achievedGramsPerYear()), byName(view.byStakeholderType()),
                    byName(view.bySector()), byName(view.byArea()),
                    view.daily().entrySet().stream().map(day -> new Day(day.getKey(), day.getValue().pledgeCount(),
                            Tco2e.fromGrams(day.getValue().pledgedGramsPerYear()))).toList(),
                    InventoryTotals.of(view.latestInventory()), TargetSummary.of(view.target()),
                    allowed == null ? null : Tco2e.fromGrams(allowed),
                    gap == null ? null : Tco2e.fromGrams(gap.gapGrams()), gap == null ? null : gap.coveragePercent(),
                    view.updatedAt());
        }

        private static Map<String, Long> statusCounts(Map<? extends Enum<?>, CityContribution.Tally> tallies) {
            Map<String, Long> named = new LinkedHashMap<>();
            tallies.forEach((status, tally) -> named.put(status.name(), tally.pledgeCount()));
            return named;
        }

        private static Map<String, Tally> byName(Map<? extends Enum<?>, CityContribution.Tally> tallies) {
            Map<String, Tally> named = new LinkedHashMap<>();
            tallies.forEach((key, tally) -> named.put(key.name(), Tally.of(tally)));
            return named;
        }
    }

    record ContributionPage(List<Contributions> items, int page, int size, long totalItems) {
    }

    @GetMapping("/api/v1/cities/{cityId}/contributions")
    @Operation(summary = "A city's community contribution: pledges and their estimated tCO2e per year")
    Contributions contributions(@PathVariable String cityId) {
        if (cityId.length() > 64 || !CITY_SLUG.matcher(cityId).matches()) {
            throw new BadParameter("cityId", "must be a lowercase slug such as pasig-city");
        }
        return store.find(cityId).map(Contributions::of).orElseThrow(() -> new UnknownCity(cityId));
    }

    @GetMapping("/api/v1/cities/contributions")
    @Operation(summary = "Every city's contribution, by city id, a page at a time")
    ContributionPage all(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        checkPaging(page, size);
        return new ContributionPage(store.list(page * size, size).stream().map(Contributions::of).toList(), page, size,
                store.count());
    }

    static void checkPaging(int page, int size) {
        if (page < 0 || (long) page * size > Integer.MAX_VALUE) {
            throw new BadParameter("page", "must be 0 or more, within the list");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new BadParameter("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
    }

    /** Nothing is known of what the request names. */
    static class NotFound extends RuntimeException {
        final String field;

        NotFound(String field, String message) {
            super(message);
            this.field = field;
        }
    }

    static class BadParameter extends RuntimeException {
        final String field;
        final String reason;

        BadParameter(String field, String reason) {
            super(field + " " + reason);
            this.field = field;
            this.reason = reason;
        }
    }

    static class UnknownCity extends RuntimeException {
        UnknownCity(String cityId) {
            super("no contributions for city '" + cityId + "': it is not registered or nothing about it has arrived yet");
        }
    }
}
