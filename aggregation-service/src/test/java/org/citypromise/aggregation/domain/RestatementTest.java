package org.citypromise.aggregation.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RestatementTest {

    @Test
    void pledgesAreRestatedUnderTheCitysFactorsAndKeptAsPledgedWhereItHasNone() {
        // LPG: 1,120 kg pledged at the default 2.98463 kg/kg = 3,342.7856 kg -> 3,342,786 g (per-pledge rounding)
        // GRID: 20,000 kWh at the city's old 0.5 kg/kWh = 10,000,000 g
        // plus 1,000 g from a pledge counted before factor uses were recorded
        long pledged = 3_342_786 + 10_000_000 + 1_000;
        Map<String, Restatement.FactorTally> byFactor = Map.of(
                "LPG", new Restatement.FactorTally("kgCO2e/kg", 1_120_000, 3_342_786),
                "GRID_ELECTRICITY", new Restatement.FactorTally("kgCO2e/kWh", 20_000_000, 10_000_000));

        assertThat(Restatement.restatedGrams(pledged, byFactor, Map.of())).isEqualTo(pledged);
        // the city's grid factor falls to 0.42: 20,000 kWh x 0.42 = 8,400 kg
        assertThat(Restatement.restatedGrams(pledged, byFactor, Map.of("GRID_ELECTRICITY",
                new Restatement.CityFactor(new BigDecimal("0.42"), "kgCO2e/kWh"))))
                .isEqualTo(3_342_786 + 8_400_000 + 1_000);
        // an LPG factor in another unit cannot restate kilograms of LPG
        assertThat(Restatement.restatedGrams(pledged, byFactor, Map.of("LPG",
                new Restatement.CityFactor(new BigDecimal("1.6"), "kgCO2e/L")))).isEqualTo(pledged);
        // the city's LPG factor 3.0: 1,120 kg x 3.0 = 3,360 kg
        assertThat(Restatement.restatedGrams(pledged, byFactor, Map.of("LPG",
                new Restatement.CityFactor(new BigDecimal("3.0"), "kgCO2e/kg")))).isEqualTo(3_360_000 + 10_000_000 + 1_000);
    }
}
