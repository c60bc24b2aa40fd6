package org.citypromise.pledge.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PledgeSubmissionTest {

    private final ActionCatalog catalog = new ActionCatalog();
    private final Instant now = Instant.parse("2026-11-24T10:00:00Z");

    private Pledge accept(String stakeholderType, String action, String quantity, String unit, CityFactors factors) {
        return new PledgeSubmission("pasig-city", stakeholderType, action, quantity == null ? null : new BigDecimal(quantity),
                unit, null, null).accept(catalog, factors, UUID.randomUUID(), now);
    }

    private Pledge accept(String stakeholderType, String action, String quantity, String unit) {
        return accept(stakeholderType, action, quantity, unit, CityFactors.NONE);
    }

    private static CityFactors cityFactors(EmissionFactor... factors) {
        Map<String, EmissionFactor> byCode = new java.util.HashMap<>();
        for (EmissionFactor factor : factors) {
            byCode.put(factor.code(), factor);
        }
        return code -> Optional.ofNullable(byCode.get(code));
    }

    private static EmissionFactor cityFactor(String code, String value, String unit) {
        return new EmissionFactor(code, new BigDecimal(value), unit, "the city's energy office", 2023,
                EmissionFactor.Origin.CITY);
    }

    @Test
    void fuelDefaultsAreTheIpccEmissionFactorTimesTheCalorificValue() {
        // kg CO2/TJ x TJ/Gg = kg CO2/Gg fuel; / 1,000,000 = kg CO2 per kg fuel
        assertThat(defaultFactor("COOKING_LPG_REDUCTION")).isEqualByComparingTo(bd(63_100 * 47.3 / 1_000_000));
        assertThat(defaultFactor("CAR_GASOLINE_REDUCTION")).isEqualByComparingTo(bd(69_300 * 44.3 / 1_000_000));
        assertThat(defaultFactor("GENERATOR_DIESEL_REDUCTION")).isEqualByComparingTo(bd(74_100 * 43.0 / 1_000_000));
        // kg CO2/TJ x 3.6e-6 TJ per kWh
        assertThat(defaultFactor("HOME_GAS_HEATING_REDUCTION")).isEqualByComparingTo(bd(56_100 * 3.6e-6));
        assertThat(catalog.all()).filteredOn(action -> action.defaultFactor() != null)
                .allSatisfy(action -> assertThat(action.defaultFactor().source()).contains("IPCC 2006"));
    }

    private BigDecimal defaultFactor(String code) {
        return catalog.find(code).orElseThrow().defaultFactor().value();
    }

    private static BigDecimal bd(double value) {
        return new BigDecimal(value).setScale(6, RoundingMode.HALF_EVEN);
    }

    @Test
    void anLpgPledgeIsEstimatedToTheGram() {
        Pledge pledge = accept("HOUSEHOLD", "COOKING_LPG_REDUCTION", "120", null);
        // 120 kg x 2.98463 kg/kg = 358.1556 kg = 0.3581556 t, kept to the gram
        assertThat(pledge.estimatedTco2ePerYear()).isEqualByComparingTo("0.358156");
        assertThat(pledge.factor().origin()).isEqualTo(EmissionFactor.Origin.DEFAULT);
        assertThat(pledge.action().gpcRef()).isEqualTo("I.1.1");
        assertThat(pledge.action().scope()).isEqualTo(1);
        assertThat(pledge.status()).isEqualTo(PledgeStatus.ACTIVE);
        assertThat(pledge.version()).isEqualTo(1);
    }

    @Test
    void everyFuelActionIsEstimatedAsQuantityTimesFactor() {
        // 2,500.5 kg diesel x 3.1863 = 7,967.34315 kg -> 7.967343 t
        assertThat(accept("BUSINESS", "GENERATOR_DIESEL_REDUCTION", "2500.5", "kg/yr").estimatedTco2ePerYear())
                .isEqualByComparingTo("7.967343");
        // 300 kg gasoline x 3.06999 = 920.997 kg -> 0.920997 t
        assertThat(accept("INDIVIDUAL", "CAR_GASOLINE_REDUCTION", "300", null).estimatedTco2ePerYear())
                .isEqualByComparingTo("0.920997");
        // 4,000 kWh gas x 0.20196 = 807.84 kg -> 0.80784 t
        assertThat(accept("HOUSEHOLD", "HOME_GAS_HEATING_REDUCTION", "4000", "kWh/yr").estimatedTco2ePerYear())
                .isEqualByComparingTo("0.80784");
    }

    @Test
    void electricityActionsUseTheCitysGridFactorAndWaitForIt() {
        assertThatThrownBy(() -> accept("HOUSEHOLD", "HOME_LED_LIGHTING", "1200", null))
                .isInstanceOfSatisfying(EstimateUnavailable.class,
                        e -> assertThat(e.factorCode()).isEqualTo("GRID_ELECTRICITY"));
        // 1,200 kWh x 0.4594 kg/kWh = 551.28 kg -> 0.55128 t
        Pledge led = accept("HOUSEHOLD", "HOME_LED_LIGHTING", "1200", null,
                cityFactors(cityFactor("GRID_ELECTRICITY", "0.4594", "kgCO2e/kWh")));
        assertThat(led.estimatedTco2ePerYear()).isEqualByComparingTo("0.55128");
        assertThat(led.factor().origin()).isEqualTo(EmissionFactor.Origin.CITY);
        assertThat(led.factor().year()).isEqualTo(2023);
        assertThat(led.action().scope()).isEqualTo(2);
    }

    @Test
    void aCitysOwnFactorTakesPrecedenceOverTheDefaultWhenInTheRightUnit() {
        // the city's LPG factor: 120 kg x 3.0 = 360 kg
        assertThat(accept("HOUSEHOLD", "COOKING_LPG_REDUCTION", "120", null,
                cityFactors(cityFactor("LPG", "3.0", "kgCO2e/kg"))).estimatedTco2ePerYear()).isEqualByComparingTo("0.36");
        // a factor in another unit cannot be used for this action: the default stands
        assertThat(accept("HOUSEHOLD", "COOKING_LPG_REDUCTION", "120", null,
                cityFactors(cityFactor("LPG", "3.0", "kgCO2e/L"))).factor().origin()).isEqualTo(EmissionFactor.Origin.DEFAULT);
    }

    @Test
    void everyProblemOfASubmissionIsReportedAgainstItsField() {
        assertThatThrownBy(() -> accept("ALIEN", "TELEPORT", "-1", null))
                .isInstanceOfSatisfying(PledgeRefused.class, refused -> assertThat(refused.reasons())
                        .extracting(PledgeRefused.Reason::field)
                        .containsExactly("stakeholderType", "actionCode", "quantity"));
        assertThatThrownBy(() -> accept(null, null, null, null))
                .isInstanceOfSatisfying(PledgeRefused.class, refused -> assertThat(refused.reasons())
                        .extracting(PledgeRefused.Reason::reason).containsOnly("is required"));
    }

    @Test
    void quantitiesMustBePositiveSensibleAndInTheActionsUnit() {
        assertRefused("0", null, "quantity");
        assertRefused("100000.001", null, "quantity");   // above the action's maximum
        assertRefused("1.0001", null, "quantity");       // finer than a thousandth
        assertRefused("1E+400", null, "quantity");
        assertRefused("12", "kWh/yr", "unit");
        assertThat(accept("HOUSEHOLD", "COOKING_LPG_REDUCTION", "100000", "kg/yr").quantity()).isEqualByComparingTo("100000");
    }

    @Test
    void cityIdsMustBeSlugs() {
        assertThatThrownBy(() -> new PledgeSubmission("Pasig City", "HOUSEHOLD", "COOKING_LPG_REDUCTION",
                BigDecimal.TEN, null, null, null).accept(catalog, CityFactors.NONE, UUID.randomUUID(), now))
                .isInstanceOfSatisfying(PledgeRefused.class, refused -> assertThat(refused.reasons())
                        .extracting(PledgeRefused.Reason::field).containsExactly("cityId"));
    }

    private void assertRefused(String quantity, String unit, String field) {
        assertThatThrownBy(() -> accept("HOUSEHOLD", "COOKING_LPG_REDUCTION", quantity, unit))
                .isInstanceOfSatisfying(PledgeRefused.class, refused -> assertThat(refused.reasons())
                        .extracting(PledgeRefused.Reason::field).containsExactly(field));
    }
}
