package org.citypromise.aggregation.web;

import io.swagger.v3.oas.annotations.media.Schema;
import org.citypromise.aggregation.domain.CityContribution;
import org.citypromise.aggregation.domain.CityTarget;
import org.citypromise.aggregation.domain.Disclosure;
import org.citypromise.aggregation.domain.LatestInventory;
import org.citypromise.aggregation.domain.TargetGap;
import org.citypromise.aggregation.domain.Tco2e;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A city's view as clients read it, in tCO2e: the API's answer. (The city-contribution-updated events
 * carry a type of their own, messaging's {@code CityContributionUpdated}.)
 */
@Schema(description = "A city's community contribution")
public record Contributions(
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
        @Schema(description = "By stakeholder type. " + PUBLIC_GROUPS)
        Map<String, Tally> byStakeholderType,
        @Schema(description = "By GPC sector (I stationary energy ... VI other scope 3). " + PUBLIC_GROUPS)
        Map<String, Tally> bySector,
        @Schema(description = "By Promise of Seoul area (ENERGY, TRANSPORT, WASTE_TO_RESOURCE, ...). " + PUBLIC_GROUPS)
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

    static final String PUBLIC_GROUPS = "Groups of fewer than " + Disclosure.MIN_GROUP_PARTICIPANTS
            + " participants are left out (and where only one would be, the next smallest too), so that no one's "
            + "pledge can be told from them; the totals count every pledge.";

    public static Contributions of(CityContribution view) {
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

    /** A breakdown as the public sees it: by name, without the groups too small to show (see {@link Disclosure}). */
    static Map<String, Tally> byName(Map<? extends Enum<?>, CityContribution.Tally> tallies) {
        Map<String, Tally> named = new LinkedHashMap<>();
        Disclosure.publicGroups(tallies).forEach((key, tally) -> named.put(key.name(), Tally.of(tally)));
        return named;
    }

    public record Tally(long pledgeCount, @Schema(example = "0.358156") BigDecimal pledgedTco2ePerYear,
                        @Schema(example = "12", description = "Distinct participants who pledged in the group")
                        long participantCount) {
        public static Tally of(CityContribution.Tally tally) {
            return new Tally(tally.pledgeCount(), Tco2e.fromGrams(tally.pledgedGramsPerYear()), tally.participantCount());
        }
    }

    public record Day(java.time.LocalDate date, long newPledges, BigDecimal pledgedTco2ePerYearChange) {
    }

    @Schema(description = "Totals of the city's latest GPC inventory, tCO2e")
    public record InventoryTotals(@Schema(example = "2022") int year, BigDecimal basicTco2e, BigDecimal basicPlusTco2e,
                           BigDecimal territorialTco2e) {
        static InventoryTotals of(LatestInventory inventory) {
            return inventory == null ? null : new InventoryTotals(inventory.year(),
                    Tco2e.fromGrams(inventory.overall().basicGrams()), Tco2e.fromGrams(inventory.overall().basicPlusGrams()),
                    Tco2e.fromGrams(inventory.overall().territorialGrams()));
        }
    }

    @Schema(description = "The city's target as inventory-service publishes it")
    public record TargetSummary(@Schema(example = "BASE_YEAR") String type, @Schema(example = "2005") Integer baseYear,
                         @Schema(example = "2030") int targetYear, List<String> sectors,
                         @Schema(example = "BASIC") String boundary) {
        static TargetSummary of(CityTarget target) {
            return target == null ? null : new TargetSummary(target.type(), target.baseYear(), target.targetYear(),
                    target.sectors().stream().sorted().map(Enum::name).toList(), target.boundary().name());
        }
    }
}
