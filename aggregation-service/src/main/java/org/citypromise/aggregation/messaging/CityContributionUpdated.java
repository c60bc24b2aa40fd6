package org.citypromise.aggregation.messaging;

import org.citypromise.aggregation.domain.CityContribution;
import org.citypromise.aggregation.domain.CityTarget;
import org.citypromise.aggregation.domain.Disclosure;
import org.citypromise.aggregation.domain.LatestInventory;
import org.citypromise.aggregation.domain.TargetGap;
import org.citypromise.aggregation.domain.Tco2e;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of {@value AggregationTopics#CITY_CONTRIBUTION_UPDATED}: a city's view in tCO2e and its
 * version (see resources/events/city-contribution-updated.v1.schema.json). The event contract evolves by
 * its own rules: today its {@code contribution} reads like the API's answer, field for field, but it is
 * its own type.
 */
public record CityContributionUpdated(long version, Contribution contribution) {

    public static CityContributionUpdated of(long version, CityContribution view) {
        return new CityContributionUpdated(version, Contribution.of(view));
    }

    /** The view; breakdowns leave out groups too small to show (see {@link Disclosure}). */
    public record Contribution(String cityId, String name, String countryCode, Long population, long pledgeCount,
                               Map<String, Long> countsByStatus, long participantCount,
                               BigDecimal pledgedTco2ePerYear, BigDecimal restatedTco2ePerYear,
                               BigDecimal achievedTco2ePerYear, Map<String, Tally> byStakeholderType,
                               Map<String, Tally> bySector, Map<String, Tally> byArea, List<Day> daily,
                               InventoryTotals latestInventory, TargetSummary target,
                               BigDecimal targetEmissionsTco2e, BigDecimal targetGapTco2e,
                               BigDecimal gapCoveragePercent, Instant updatedAt) {

        static Contribution of(CityContribution view) {
            TargetGap gap = view.gap();
            Long allowed = view.target() == null ? null : view.target().targetEmissionsGrams();
            Map<String, Long> counts = new LinkedHashMap<>();
            view.byStatus().forEach((status, tally) -> counts.put(status.name(), tally.pledgeCount()));
            return new Contribution(view.cityId(), view.name(), view.countryCode(), view.population(),
                    view.pledgeCount(), counts, view.participantCount(),
                    Tco2e.fromGrams(view.pledgedGramsPerYear()), Tco2e.fromGrams(view.restatedGramsPerYear()),
                    Tco2e.fromGrams(view.achievedGramsPerYear()), byName(view.byStakeholderType()),
                    byName(view.bySector()), byName(view.byArea()),
                    view.daily().entrySet().stream().map(day -> new Day(day.getKey(), day.getValue().pledgeCount(),
                            Tco2e.fromGrams(day.getValue().pledgedGramsPerYear()))).toList(),
                    InventoryTotals.of(view.latestInventory()), TargetSummary.of(view.target()),
                    allowed == null ? null : Tco2e.fromGrams(allowed),
                    gap == null ? null : Tco2e.fromGrams(gap.gapGrams()), gap == null ? null : gap.coveragePercent(),
                    view.updatedAt());
        }

        private static Map<String, Tally> byName(Map<? extends Enum<?>, CityContribution.Tally> tallies) {
            Map<String, Tally> named = new LinkedHashMap<>();
            Disclosure.publicGroups(tallies).forEach((key, tally) -> named.put(key.name(), new Tally(
                    tally.pledgeCount(), Tco2e.fromGrams(tally.pledgedGramsPerYear()), tally.participantCount())));
            return named;
        }
    }

    public record Tally(long pledgeCount, BigDecimal pledgedTco2ePerYear, long participantCount) {
    }

    public record Day(LocalDate date, long newPledges, BigDecimal pledgedTco2ePerYearChange) {
    }

    public record InventoryTotals(int year, BigDecimal basicTco2e, BigDecimal basicPlusTco2e,
                                  BigDecimal territorialTco2e) {
        static InventoryTotals of(LatestInventory inventory) {
            return inventory == null ? null : new InventoryTotals(inventory.year(),
                    Tco2e.fromGrams(inventory.overall().basicGrams()), Tco2e.fromGrams(inventory.overall().basicPlusGrams()),
                    Tco2e.fromGrams(inventory.overall().territorialGrams()));
        }
    }

    public record TargetSummary(String type, Integer baseYear, int targetYear, List<String> sectors, String boundary) {
        static TargetSummary of(CityTarget target) {
            return target == null ? null : new TargetSummary(target.type(), target.baseYear(), target.targetYear(),
                    target.sectors().stream().sorted().map(Enum::name).toList(), target.boundary().name());
        }
    }
}
