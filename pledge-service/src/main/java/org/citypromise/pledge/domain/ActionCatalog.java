package org.citypromise.pledge.domain;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The actions residents and organisations can pledge.
 *
 * <p>Fuel factors are IPCC 2006 Guidelines, Vol. 2 (Energy) defaults: the fuel's default CO2 emission
 * factor (Table 1.4, kg CO2/TJ) times its default net calorific value (Table 1.2, TJ/Gg) gives kg CO2 per
 * kg of fuel; per kWh of natural gas it is the factor times 3.6e-6 TJ/kWh. CH4 and N2O from combustion
 * are left out: they add well under 1% for these fuels. Grid electricity has no default: its factor is
 * city- or country-specific, so electricity actions are estimated once the city has published its
 * {@code GRID_ELECTRICITY} factor. So are the actions whose factor depends on the city's fleet, waste sites,
 * water system or climate (kilometres not driven, waste kept from landfill, water saved, trees planted):
 * the city publishes those factors, with their sources, through inventory-service.
 */
public final class ActionCatalog {

    public static final String GRID_ELECTRICITY = "GRID_ELECTRICITY";
    private static final String PER_KWH = "kgCO2e/kWh";
    private static final String PER_KG = "kgCO2e/kg";
    private static final String IPCC_2006 = "IPCC 2006 Guidelines, Vol. 2, ";
    private static final String CO2_ONLY = " (CO2 only; CH4 and N2O add under 1%)";

    /** 63,100 kg CO2/TJ x 47.3 TJ/Gg = 2.98463 kg CO2 per kg of LPG. */
    static final EmissionFactor LPG = EmissionFactor.byDefault("LPG", "2.98463", PER_KG,
            IPCC_2006 + "Table 1.4 (LPG 63,100 kg CO2/TJ) x Table 1.2 (NCV 47.3 TJ/Gg)" + CO2_ONLY);
    /** 69,300 kg CO2/TJ x 44.3 TJ/Gg = 3.06999 kg CO2 per kg of motor gasoline. */
    static final EmissionFactor MOTOR_GASOLINE = EmissionFactor.byDefault("MOTOR_GASOLINE", "3.06999", PER_KG,
            IPCC_2006 + "Table 1.4 (motor gasoline 69,300 kg CO2/TJ) x Table 1.2 (NCV 44.3 TJ/Gg)" + CO2_ONLY);
    /** 74,100 kg CO2/TJ x 43.0 TJ/Gg = 3.1863 kg CO2 per kg of gas/diesel oil. */
    static final EmissionFactor GAS_DIESEL_OIL = EmissionFactor.byDefault("GAS_DIESEL_OIL", "3.1863", PER_KG,
            IPCC_2006 + "Table 1.4 (gas/diesel oil 74,100 kg CO2/TJ) x Table 1.2 (NCV 43.0 TJ/Gg)" + CO2_ONLY);
    /** 56,100 kg CO2/TJ x 3.6e-6 TJ/kWh = 0.20196 kg CO2 per kWh of natural gas (net calorific value). */
    static final EmissionFactor NATURAL_GAS = EmissionFactor.byDefault("NATURAL_GAS", "0.20196", PER_KWH,
            IPCC_2006 + "Table 1.4 (natural gas 56,100 kg CO2/TJ) x 3.6e-6 TJ/kWh (net calorific basis)" + CO2_ONLY);

    /**
     * Factors with no universal default: they depend on the city's grid, fleet, waste sites, water system
     * or climate, so only the city can supply them. Actions estimated with them wait for the city's own.
     */
    static final String CAR_KM = "CAR_KM";
    static final String CAR_TO_TRANSIT_KM = "CAR_TO_TRANSIT_KM";
    static final String LANDFILLED_FOOD_WASTE = "LANDFILLED_FOOD_WASTE";
    static final String LANDFILLED_RECYCLABLES = "LANDFILLED_RECYCLABLES";
    static final String OPEN_BURNED_WASTE = "OPEN_BURNED_WASTE";
    static final String WATER_SUPPLY = "WATER_SUPPLY";
    static final String TREE_SEQUESTRATION = "TREE_SEQUESTRATION";
    static final String URBAN_FARM_PRODUCE = "URBAN_FARM_PRODUCE";

    private final Map<String, Action> actions = new LinkedHashMap<>();

    public ActionCatalog() {
        // I Stationary energy: fuels burned in homes and workplaces (scope 1), IPCC defaults
        fuel("COOKING_LPG_REDUCTION", PledgeArea.ENERGY, "I.1.1", "kg/yr", LPG, "100000");
        fuel("HOME_GAS_HEATING_REDUCTION", PledgeArea.ENERGY, "I.1.1", "kWh/yr", NATURAL_GAS, "1000000");
        fuel("SOLAR_WATER_HEATER", PledgeArea.ENERGY, "I.1.1", "kWh/yr", NATURAL_GAS, "100000");
        fuel("BUSINESS_GAS_REDUCTION", PledgeArea.ENERGY, "I.2.1", "kWh/yr", NATURAL_GAS, "100000000");
        fuel("GENERATOR_DIESEL_REDUCTION", PledgeArea.ENERGY, "I.2.1", "kg/yr", GAS_DIESEL_OIL, "10000000");
        // I Stationary energy: grid electricity used in buildings (scope 2), the city's grid factor
        electricity("HOME_LED_LIGHTING", PledgeArea.ENERGY, "I.1.2", "10000");
        electricity("HOME_ELECTRICITY_SAVING", PledgeArea.ENERGY, "I.1.2", "100000");
        electricity("ROOFTOP_SOLAR", PledgeArea.ENERGY, "I.1.2", "10000000");
        electricity("EFFICIENT_COOLING", PledgeArea.HEALTH, "I.1.2", "100000");
        electricity("COOL_ROOF", PledgeArea.SAFETY, "I.1.2", "1000000");
        electricity("BUSINESS_ELECTRICITY_SAVING", PledgeArea.ENERGY, "I.2.2", "100000000");
        electricity("SCHOOL_ENERGY_SAVING", PledgeArea.ENERGY, "I.2.2", "10000000");
        // II Transportation (scope 1): fuel not burned, or kilometres not driven
        fuel("CAR_GASOLINE_REDUCTION", PledgeArea.TRANSPORT, "II.1.1", "kg/yr", MOTOR_GASOLINE, "1000000");
        fuel("FLEET_DIESEL_REDUCTION", PledgeArea.TRANSPORT, "II.1.1", "kg/yr", GAS_DIESEL_OIL, "100000000");
        cityFactor("CYCLE_INSTEAD_OF_DRIVING", PledgeArea.HEALTH, "II.1.1", 1,
                "km/yr", CAR_KM, "kgCO2e/km", "100000");
        cityFactor("TRANSIT_INSTEAD_OF_DRIVING", PledgeArea.TRANSPORT,
                "II.1.1", 1, "km/yr", CAR_TO_TRANSIT_KM, "kgCO2e/km", "200000");
        cityFactor("CAR_FREE_NEIGHBOURHOOD", PledgeArea.URBAN_PLANNING, "II.1.1", 1, "km/yr", CAR_KM, "kgCO2e/km", "10000000");
        electricity("ELECTRIC_VEHICLE_CHARGING_SOLAR", PledgeArea.TRANSPORT, "II.1.2", "100000");
        // III Waste: kept out of landfills and fires
        cityFactor("HOME_COMPOSTING", PledgeArea.WASTE_TO_RESOURCE, "III.1.1", 1, "kg/yr", LANDFILLED_FOOD_WASTE, "kgCO2e/kg", "100000");
        cityFactor("RECYCLING", PledgeArea.WASTE_TO_RESOURCE, "III.1.1", 1, "kg/yr", LANDFILLED_RECYCLABLES, "kgCO2e/kg", "1000000");
        cityFactor("NO_OPEN_BURNING", PledgeArea.AIR_QUALITY, "III.3.1", 1, "kg/yr", OPEN_BURNED_WASTE, "kgCO2e/kg", "100000");
        // I.1.2 via the water supply's pumping and treatment electricity
        cityFactor("RAINWATER_USE", PledgeArea.WATER, "I.1.2", 2,
                "m3/yr", WATER_SUPPLY, "kgCO2e/m3", "10000");
        cityFactor("WATER_SAVING", PledgeArea.WATER, "I.1.2", 2,
                "m3/yr", WATER_SUPPLY, "kgCO2e/m3", "100000");
        // V AFOLU: carbon taken up on land
        cityFactor("TREE_PLANTING", PledgeArea.ECOLOGY,
                "V.2.1", 1, "trees", TREE_SEQUESTRATION, "kgCO2e/tree", "100000");
        // VI Other scope 3: food grown in the city instead of produced and trucked in from outside it
        cityFactor("URBAN_FARMING", PledgeArea.URBAN_AGRICULTURE, "VI.1", 3, "kg/yr", URBAN_FARM_PRODUCE, "kgCO2e/kg", "1000000");
    }

    private void fuel(String code, PledgeArea area, String gpcRef, String unit, EmissionFactor factor,
                      String max) {
        actions.put(code, new Action(code, Wording.title(code), area, gpcRef, 1, unit, factor.code(), factor.unit(), factor,
                new BigDecimal(max)));
    }

    /** Scope 2: the avoided emissions are the grid's, with the city's own grid factor. */
    private void electricity(String code, PledgeArea area, String gpcRef, String max) {
        cityFactor(code, area, gpcRef, 2, "kWh/yr", GRID_ELECTRICITY, PER_KWH, max);
    }

    /** An action estimated only with the city's own factor: no universal default exists for it. */
    private void cityFactor(String code, PledgeArea area, String gpcRef, int scope, String unit,
                            String factorCode, String factorUnit, String max) {
        actions.put(code, new Action(code, Wording.title(code), area, gpcRef, scope, unit, factorCode, factorUnit, null,
                new BigDecimal(max)));
    }

    public Optional<Action> find(String code) {
        return Optional.ofNullable(code).map(actions::get);
    }

    public Collection<Action> all() {
        return actions.values();
    }
}
