package org.citypromise.aggregation.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RollUpTest {

    private static final long TONNE = 1_000_000;

    private static CityContribution city(String id, String country, long population, long activeTonnes,
                                         long fulfilledTonnes, Long latestBasicTonnes, Long allowedTonnes) {
        long pledged = (activeTonnes + fulfilledTonnes) * TONNE;
        LatestInventory inventory = latestBasicTonnes == null ? null : new LatestInventory(2022,
                new LatestInventory.Totals(latestBasicTonnes * TONNE, 0, 0),
                Map.of(GpcSector.I, new LatestInventory.Totals(latestBasicTonnes * TONNE, 0, 0)));
        CityTarget target = allowedTonnes == null ? null : new CityTarget("BASE_YEAR", 2005, 2030, Set.of(GpcSector.I),
                CityTarget.Boundary.BASIC, allowedTonnes * TONNE);
        return new CityContribution(id, id, country, population, 2, 2, pledged, 0,
                Map.of(PledgeStatus.ACTIVE, new CityContribution.Tally(1, activeTonnes * TONNE),
                        PledgeStatus.FULFILLED, new CityContribution.Tally(1, fulfilledTonnes * TONNE)),
                Map.of(StakeholderType.HOUSEHOLD, new CityContribution.Tally(2, pledged)),
                Map.of(GpcSector.I, new CityContribution.Tally(2, pledged)),
                Map.of(PledgeArea.ENERGY, new CityContribution.Tally(2, pledged)), Map.of(), Map.of(), Map.of(), new java.util.TreeMap<>(), inventory, target,
                Instant.now());
    }

    private final CityContribution seoul = city("seoul", "KR", 9_000_000, 300, 100, 40_000L, 25_000L);
    private final CityContribution busan = city("busan", "KR", 3_000_000, 600, 0, 10_000L, 4_000L);
    private final CityContribution hanoi = city("hanoi", "VN", 8_000_000, 50, 50, null, null);

    @Test
    void aRollUpAddsUpCitiesAndTheGapsOfThoseThatHaveOne() {
        RollUp korea = RollUp.of(List.of(seoul, busan));
        assertThat(korea.cityCount()).isEqualTo(2);
        assertThat(korea.population()).isEqualTo(12_000_000);
        assertThat(korea.pledgeCount()).isEqualTo(4);
        assertThat(korea.pledgedGramsPerYear()).isEqualTo(1_000 * TONNE);
        assertThat(korea.byStatus().get(PledgeStatus.ACTIVE)).isEqualTo(new CityContribution.Tally(2, 900 * TONNE));
        // gaps 15,000 + 6,000 = 21,000 t; active pledges there 900 t = 4.29 %
        assertThat(korea.byArea().get(PledgeArea.ENERGY)).isEqualTo(new CityContribution.Tally(4, 1_000 * TONNE));
        assertThat(korea.gapGrams()).isEqualTo(21_000 * TONNE);
        assertThat(korea.gapCoveragePercent()).isEqualByComparingTo("4.29");

        RollUp world = RollUp.of(List.of(seoul, busan, hanoi));
        assertThat(world.pledgedGramsPerYear()).isEqualTo(1_100 * TONNE);
        assertThat(world.gapGrams()).isEqualTo(21_000 * TONNE);   // hanoi's gap is unknown
    }

    @Test
    void theLeaderboardRanksByTotalPerCapitaOrGapCoverage() {
        List<CityContribution> cities = List.of(seoul, busan, hanoi);
        assertThat(Leaderboard.rank(cities, Leaderboard.Ranking.PLEDGED)).extracting(p -> p.city().cityId())
                .containsExactly("busan", "seoul", "hanoi");        // 600, 400, 100 t
        // per capita: busan 600/3M = 0.0002, seoul 400/9M = 0.0000444, hanoi 100/8M = 0.0000125 t
        var perCapita = Leaderboard.rank(cities, Leaderboard.Ranking.PER_CAPITA);
        assertThat(perCapita).extracting(p -> p.city().cityId()).containsExactly("busan", "seoul", "hanoi");
        assertThat(perCapita.get(1).tco2ePerCapita()).isEqualByComparingTo("0.000044444");
        // coverage: busan 600/6,000 = 10 %, seoul 300/15,000 = 2 %, hanoi unknown: last
        var coverage = Leaderboard.rank(cities, Leaderboard.Ranking.GAP_COVERAGE);
        assertThat(coverage).extracting(p -> p.city().cityId()).containsExactly("busan", "seoul", "hanoi");
        assertThat(coverage).extracting(Leaderboard.Place::gapCoveragePercent).containsExactly(
                new java.math.BigDecimal("10.00"), new java.math.BigDecimal("2.00"), null);
        assertThat(coverage).extracting(Leaderboard.Place::rank).containsExactly(1, 2, 3);
    }
}
