package org.citypromise.inventory.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetTest {

    private static final CityId SEOUL = new CityId("seoul");

    /** A 2005 base-year inventory: sector I 30,000 t BASIC (+1,000 BASIC+), II 10,000 t, III 2,000 t. */
    private static final InventoryTotals BASE_2005 = GpcInventory.publish(SEOUL, 2005, "AR5", List.of(
            new GpcInventory.RowSubmission("I.1.2", new BigDecimal("30000"), null, null, null),
            new GpcInventory.RowSubmission("I.1.3", new BigDecimal("1000"), null, null, null),
            new GpcInventory.RowSubmission("II.1.1", new BigDecimal("10000"), null, null, null),
            new GpcInventory.RowSubmission("III.1.1", new BigDecimal("2000"), null, null, null)), 2026).totals();

    private static Target.Submission submission(String type, Integer base, Integer target, String percent) {
        return new Target.Submission(type, base, target, percent == null ? null : new BigDecimal(percent), null, null,
                null, null, null, null, null);
    }

    @Test
    void aBaseYearTargetAllowsTheBaseYearsCoveredEmissionsLessTheReduction() {
        Target seoul = Target.set(SEOUL, submission("BASE_YEAR", 2005, 2030, "40"));
        // BASIC of sectors I-V: 30,000 + 10,000 + 2,000 = 42,000; x (1 - 0.40) = 25,200
        assertThat(seoul.targetEmissions(Optional.of(BASE_2005))).hasValueSatisfying(
                level -> assertThat(level).isEqualByComparingTo("25200"));
        assertThat(seoul.targetEmissions(Optional.empty())).isEmpty();

        Target energyAndTransport = Target.set(SEOUL, new Target.Submission("BASE_YEAR", 2005, 2030,
                new BigDecimal("40"), null, null, null, null, List.of("I", "II"), List.of("CO2"), "BASIC_PLUS"));
        // BASIC+ of I and II: 31,000 + 10,000 = 41,000; x 0.60 = 24,600
        assertThat(energyAndTransport.targetEmissions(Optional.of(BASE_2005))).hasValueSatisfying(
                level -> assertThat(level).isEqualByComparingTo("24600"));
    }

    @Test
    void anIntensityTargetScalesThePerCapitaLevelToTheTargetYearsPopulation() {
        Target target = Target.set(SEOUL, new Target.Submission("BASE_YEAR_INTENSITY", 2005, 2030,
                new BigDecimal("25"), null, null, 10_000_000L, 9_000_000L, null, null, null));
        // 42,000 t / 10,000,000 people = 0.0042 t per capita; x 0.75 = 0.00315; x 9,000,000 = 28,350
        assertThat(target.targetEmissions(Optional.of(BASE_2005))).hasValueSatisfying(
                level -> assertThat(level).isEqualByComparingTo("28350"));
    }

    @Test
    void baselineAndFixedLevelTargetsNeedNoInventory() {
        Target baseline = Target.set(SEOUL, new Target.Submission("BASELINE_SCENARIO", null, 2030,
                new BigDecimal("30"), new BigDecimal("50000"), null, null, null, null, null, null));
        // 50,000 x (1 - 0.30) = 35,000
        assertThat(baseline.targetEmissions(Optional.empty())).hasValueSatisfying(
                level -> assertThat(level).isEqualByComparingTo("35000"));
        Target netZero = Target.set(SEOUL, new Target.Submission("FIXED_LEVEL", null, 2050, null, null,
                BigDecimal.ZERO, null, null, null, null, null));
        assertThat(netZero.targetEmissions(Optional.empty())).hasValueSatisfying(
                level -> assertThat(level).isEqualByComparingTo("0"));
    }

    @Test
    void inconsistentTargetsAreRefusedNamingTheField() {
        assertRefused(submission("BASE_YEAR", 2030, 2005, "40"), "targetYear");
        assertRefused(submission("BASE_YEAR", null, 2030, "40"), "baseYear");
        assertRefused(submission("BASE_YEAR", 2005, 2030, null), "reductionPercent");
        assertRefused(submission("BASE_YEAR", 2005, 2030, "140"), "reductionPercent");
        assertRefused(submission("WISHFUL", 2005, 2030, "40"), "type");
        assertRefused(submission("FIXED_LEVEL", null, 2050, null), "targetLevelTco2e");
        assertRefused(submission("BASELINE_SCENARIO", null, 2030, "30"), "baselineEmissionsTco2e");
        assertRefused(submission("BASE_YEAR_INTENSITY", 2005, 2030, "25"), "baseYearPopulation");
        assertRefused(new Target.Submission("BASE_YEAR", 2005, 2030, BigDecimal.TEN, null, null, null, null,
                List.of("VII"), null, null), "sectors[0]");
        assertRefused(new Target.Submission("BASE_YEAR", 2005, 2030, BigDecimal.TEN, null, null, null, null,
                null, List.of("H2O"), null), "gases[0]");
    }

    private static void assertRefused(Target.Submission submission, String field) {
        assertThatThrownBy(() -> Target.set(SEOUL, submission)).isInstanceOfSatisfying(InvalidInput.class,
                invalid -> assertThat(invalid.violations()).extracting(InvalidInput.Violation::field).contains(field));
    }
}
