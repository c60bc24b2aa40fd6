package org.citypromise.aggregation.domain;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TargetGapTest {

    private static final long TONNE = 1_000_000;

    /** 2022: sector I 30,000 t BASIC (31,000 BASIC+), II 10,000 t, III 2,000 t. */
    private static final LatestInventory LATEST = new LatestInventory(2022,
            new LatestInventory.Totals(42_000 * TONNE, 43_000 * TONNE, 12_000 * TONNE),
            Map.of(GpcSector.I, new LatestInventory.Totals(30_000 * TONNE, 31_000 * TONNE, 0),
                    GpcSector.II, new LatestInventory.Totals(10_000 * TONNE, 10_000 * TONNE, 10_000 * TONNE),
                    GpcSector.III, new LatestInventory.Totals(2_000 * TONNE, 2_000 * TONNE, 2_000 * TONNE)));

    private static CityTarget target(Set<GpcSector> sectors, CityTarget.Boundary boundary, Long allowedTonnes) {
        return new CityTarget("BASE_YEAR", 2005, 2030, sectors, boundary, allowedTonnes == null ? null : allowedTonnes * TONNE);
    }

    @Test
    void theGapIsTheLatestCoveredEmissionsLessWhatTheTargetAllowsAndPledgesCoverAShareOfIt() {
        CityTarget all = target(Set.of(GpcSector.values()), CityTarget.Boundary.BASIC, 25_200L);
        // 42,000 - 25,200 = 16,800 t; 420 t of active pledges cover 420 / 16,800 = 2.50 %
        TargetGap gap = TargetGap.of(LATEST, all, 420 * TONNE);
        assertThat(gap.currentGrams()).isEqualTo(42_000 * TONNE);
        assertThat(gap.gapGrams()).isEqualTo(16_800 * TONNE);
        assertThat(gap.coveragePercent()).isEqualByComparingTo("2.50");
    }

    @Test
    void onlyTheTargetsSectorsAndBoundaryCount() {
        CityTarget energy = target(Set.of(GpcSector.I), CityTarget.Boundary.BASIC_PLUS, 20_000L);
        // sector I at BASIC+: 31,000 - 20,000 = 11,000 t; 1 t covers 0.01 % (0.0090909 rounded)
        TargetGap gap = TargetGap.of(LATEST, energy, TONNE);
        assertThat(gap.gapGrams()).isEqualTo(11_000 * TONNE);
        assertThat(gap.coveragePercent()).isEqualByComparingTo("0.01");
    }

    @Test
    void aCityWithinItsTargetHasNoGapAndAnUnknownLevelGivesNoFigures() {
        TargetGap met = TargetGap.of(LATEST, target(Set.of(GpcSector.III), CityTarget.Boundary.BASIC, 2_500L), TONNE);
        assertThat(met.gapGrams()).isZero();
        assertThat(met.coveragePercent()).isNull();
        assertThat(TargetGap.of(LATEST, target(Set.of(GpcSector.I), CityTarget.Boundary.BASIC, null), TONNE)).isNull();
        assertThat(TargetGap.of(null, target(Set.of(GpcSector.I), CityTarget.Boundary.BASIC, 1L), TONNE)).isNull();
    }
}
