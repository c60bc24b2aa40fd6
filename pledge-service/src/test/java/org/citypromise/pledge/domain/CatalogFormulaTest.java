package org.citypromise.pledge.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every action of the catalog estimated once, against a value worked out by hand: quantity x factor
 * (kg CO2e per unit) / 1000 = tCO2e per year. City-only factors take the illustrative values below.
 */
class CatalogFormulaTest {

    /** Illustrative city factors, the same in every row that uses them. */
    private static final Map<String, String[]> CITY = Map.of(
            "GRID_ELECTRICITY", new String[] {"0.5", "kgCO2e/kWh"},
            "CAR_KM", new String[] {"0.2", "kgCO2e/km"},
            "CAR_TO_TRANSIT_KM", new String[] {"0.15", "kgCO2e/km"},
            "LANDFILLED_FOOD_WASTE", new String[] {"0.7", "kgCO2e/kg"},
            "LANDFILLED_RECYCLABLES", new String[] {"1.1", "kgCO2e/kg"},
            "OPEN_BURNED_WASTE", new String[] {"1.6", "kgCO2e/kg"},
            "WATER_SUPPLY", new String[] {"0.35", "kgCO2e/m3"},
            "TREE_SEQUESTRATION", new String[] {"22", "kgCO2e/tree"},
            "URBAN_FARM_PRODUCE", new String[] {"0.4", "kgCO2e/kg"});

    private static final CityFactors FACTORS = code -> Optional.ofNullable(CITY.get(code)).map(f ->
            new EmissionFactor(code, new BigDecimal(f[0]), f[1], "illustrative", 2025, EmissionFactor.Origin.CITY));

    @ParameterizedTest(name = "{0}: {1} x factor = {2} t")
    @CsvSource({
            // IPCC 2006 defaults
            "COOKING_LPG_REDUCTION,        120,    0.358156",  // 120 kg x 2.98463 = 358.1556 kg
            "HOME_GAS_HEATING_REDUCTION,   4000,   0.80784",   // 4,000 kWh x 0.20196 = 807.84 kg
            "SOLAR_WATER_HEATER,           1500,   0.30294",   // 1,500 kWh x 0.20196 = 302.94 kg
            "BUSINESS_GAS_REDUCTION,       50000,  10.098",    // 50,000 kWh x 0.20196 = 10,098 kg
            "GENERATOR_DIESEL_REDUCTION,   2500.5, 7.967343",  // 2,500.5 kg x 3.1863 = 7,967.34315 kg
            "CAR_GASOLINE_REDUCTION,       300,    0.920997",  // 300 kg x 3.06999 = 920.997 kg
            "FLEET_DIESEL_REDUCTION,       1000,   3.1863",    // 1,000 kg x 3.1863
            // the city's grid factor, 0.5 kg/kWh
            "HOME_LED_LIGHTING,            1200,   0.6",
            "HOME_ELECTRICITY_SAVING,      900,    0.45",
            "ROOFTOP_SOLAR,                4500,   2.25",
            "EFFICIENT_COOLING,            700,    0.35",
            "COOL_ROOF,                    1300,   0.65",
            "BUSINESS_ELECTRICITY_SAVING,  20000,  10",
            "SCHOOL_ENERGY_SAVING,         8000,   4",
            "ELECTRIC_VEHICLE_CHARGING_SOLAR, 2000, 1",
            // the city's other factors
            "CYCLE_INSTEAD_OF_DRIVING,     2500,   0.5",       // 2,500 km x 0.2
            "CAR_FREE_NEIGHBOURHOOD,       40000,  8",         // 40,000 km x 0.2
            "TRANSIT_INSTEAD_OF_DRIVING,   3000,   0.45",      // 3,000 km x 0.15
            "HOME_COMPOSTING,              200,    0.14",      // 200 kg x 0.7
            "RECYCLING,                    150,    0.165",     // 150 kg x 1.1
            "NO_OPEN_BURNING,              300,    0.48",      // 300 kg x 1.6
            "RAINWATER_USE,                40,     0.014",     // 40 m3 x 0.35
            "WATER_SAVING,                 25.5,   0.008925",  // 25.5 m3 x 0.35
            "TREE_PLANTING,                10,     0.22",      // 10 trees x 22
            "URBAN_FARMING,                80,     0.032"      // 80 kg x 0.4
    })
    void eachActionIsQuantityTimesItsFactor(String action, String quantity, String tonnes) {
        Pledge pledge = new PledgeSubmission("seoul", "HOUSEHOLD", action, new BigDecimal(quantity), null, null, null)
                .accept(new ActionCatalog(), FACTORS, UUID.randomUUID(), Instant.parse("2026-11-24T10:00:00Z"));
        assertThat(pledge.estimatedTco2ePerYear()).isEqualByComparingTo(tonnes);
    }

    @org.junit.jupiter.api.Test
    void theTableCoversTheWholeCatalog() throws Exception {
        String table = java.util.Arrays.toString(getClass().getDeclaredMethod("eachActionIsQuantityTimesItsFactor",
                String.class, String.class, String.class).getAnnotation(CsvSource.class).value());
        assertThat(new ActionCatalog().all()).allSatisfy(action -> assertThat(table).contains(action.code() + ","));
    }
}
