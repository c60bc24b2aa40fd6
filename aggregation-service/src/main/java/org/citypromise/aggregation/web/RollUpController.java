package org.citypromise.aggregation.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.citypromise.aggregation.domain.Leaderboard;
import org.citypromise.aggregation.domain.RollUp;
import org.citypromise.aggregation.domain.Tco2e;
import org.citypromise.aggregation.application.ContributionViews;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

@RestController
@RequestMapping(produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Roll-ups", description = "Cities' contributions added up per country and for the world, and ranked")
class RollUpController {

    private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());

    private final ContributionViews views;

    RollUpController(ContributionViews views) {
        this.views = views;
    }

    @Schema(description = "Contributions of many cities added up")
    record RollUpResource(
            @Schema(example = "KR", description = "The country, or GLOBAL") String scope,
            int cityCount, long population, long pledgeCount,
            @Schema(description = "Sum of the cities' participant counts") long participantCount,
            Map<String, Long> countsByStatus,
            @Schema(description = "Standing pledges' estimates, tCO2e per year") BigDecimal pledgedTco2ePerYear,
            @Schema(description = "The same restated under each city's own factors") BigDecimal restatedTco2ePerYear,
            BigDecimal achievedTco2ePerYear,
            @Schema(description = "By stakeholder type. " + Contributions.PUBLIC_GROUPS)
            Map<String, Contributions.Tally> byStakeholderType,
            @Schema(description = "By GPC sector. " + Contributions.PUBLIC_GROUPS)
            Map<String, Contributions.Tally> bySector,
            @Schema(description = "By Promise of Seoul area. " + Contributions.PUBLIC_GROUPS)
            Map<String, Contributions.Tally> byArea,
            @Schema(description = "Summed gaps to their targets of the cities whose gap is known")
            BigDecimal targetGapTco2e,
            @Schema(description = "Active pledges in those cities as a share of their summed gaps, %")
            BigDecimal gapCoveragePercent) {

        static RollUpResource of(String scope, RollUp rollUp) {
            Map<String, Long> counts = new LinkedHashMap<>();
            rollUp.byStatus().forEach((status, tally) -> counts.put(status.name(), tally.pledgeCount()));
            return new RollUpResource(scope, rollUp.cityCount(), rollUp.population(), rollUp.pledgeCount(),
                    rollUp.participantCount(), counts,
                    Tco2e.fromGrams(rollUp.pledgedGramsPerYear()), Tco2e.fromGrams(rollUp.restatedGramsPerYear()),
                    Tco2e.fromGrams(rollUp.achievedGramsPerYear()),
                    Contributions.byName(rollUp.byStakeholderType()), Contributions.byName(rollUp.bySector()),
                    Contributions.byName(rollUp.byArea()),
                    Tco2e.fromGrams(rollUp.gapGrams()),
                    rollUp.gapCoveragePercent());
        }
    }

    record Place(int rank, String cityId, String name, String countryCode, BigDecimal pledgedTco2ePerYear,
                 @Schema(description = "Pledged tCO2e per year per resident") BigDecimal tco2ePerCapita,
                 BigDecimal gapCoveragePercent) {
    }

    record LeaderboardPage(String sortBy, List<Place> items, int page, int size, long totalItems) {
    }

    @GetMapping("/api/v1/countries/{countryCode}/contributions")
    @Operation(summary = "A country's cities' contributions added up")
    RollUpResource country(@PathVariable String countryCode) {
        if (!ISO_COUNTRIES.contains(countryCode)) {
            throw new ContributionController.BadParameter("countryCode",
                    "must be an ISO 3166-1 alpha-2 code in upper case (e.g. KR, ID, PH, VN)");
        }
        RollUp rollUp = views.country(countryCode).orElseThrow(() ->
                new ContributionController.NotFound("countryCode", "no city of " + countryCode + " has a view"));
        return RollUpResource.of(countryCode, rollUp);
    }

    @GetMapping("/api/v1/contributions/global")
    @Operation(summary = "Every city's contribution added up")
    RollUpResource global() {
        return RollUpResource.of("GLOBAL", views.global());
    }

    @GetMapping("/api/v1/leaderboard")
    @Operation(summary = "Cities ranked by pledged tCO2e, tCO2e per capita or gap coverage, a page at a time")
    LeaderboardPage leaderboard(@RequestParam(defaultValue = "PLEDGED") Leaderboard.Ranking sortBy,
                                @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        ContributionController.checkPaging(page, size);
        List<Leaderboard.Place> ranked = views.leaderboard(sortBy);
        List<Place> items = ranked.stream().skip((long) page * size).limit(size)
                .map(place -> new Place(place.rank(), place.city().cityId(), place.city().name(),
                        place.city().countryCode(), place.pledgedTco2ePerYear(), place.tco2ePerCapita(),
                        place.gapCoveragePercent()))
                .toList();
        return new LeaderboardPage(sortBy.name(), items, page, size, ranked.size());
    }
}
