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
 * {@code GRID_ELECTRICITY} factor.
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

    private final Map<String, Action> actions = new LinkedHashMap<>();

    public ActionCatalog() {
        fuel("COOKING_LPG_REDUCTION", "Cook with less LPG (lids, pressure cooker, efficient stove)",
                PledgeArea.ENERGY, "I.1.1", "kg/yr", LPG, "100000");
        fuel("CAR_GASOLINE_REDUCTION", "Burn less gasoline: car-free days, car-pooling, eco-driving",
                PledgeArea.TRANSPORT, "II.1.1", "kg/yr", MOTOR_GASOLINE, "1000000");
        fuel("GENERATOR_DIESEL_REDUCTION", "Run diesel generators less (grid, solar, load shifting)",
                PledgeArea.ENERGY, "I.2.1", "kg/yr", GAS_DIESEL_OIL, "10000000");
        fuel("HOME_GAS_HEATING_REDUCTION", "Heat the home with less gas: insulation, thermostat one degree lower",
                PledgeArea.ENERGY, "I.1.1", "kWh/yr", NATURAL_GAS, "1000000");
        electricity("HOME_LED_LIGHTING", "Replace home lighting with LEDs", PledgeArea.ENERGY, "I.1.2", "10000");
        electricity("HOME_ELECTRICITY_SAVING", "Use less electricity at home: efficient appliances, no standby",
                PledgeArea.ENERGY, "I.1.2", "100000");
        electricity("ROOFTOP_SOLAR", "Generate electricity with rooftop solar panels (kWh generated)",
                PledgeArea.ENERGY, "I.1.2", "10000000");
        electricity("BUSINESS_ELECTRICITY_SAVING", "Use less electricity at work: lighting, cooling, equipment",
                PledgeArea.ENERGY, "I.2.2", "100000000");
    }

    private void fuel(String code, String title, PledgeArea area, String gpcRef, String unit, EmissionFactor factor,
                      String max) {
        actions.put(code, new Action(code, title, area, gpcRef, 1, unit, factor.code(), factor.unit(), factor,
                new BigDecimal(max)));
    }

    /** Scope 2: the avoided emissions are the grid's, with the city's own grid factor. */
    private void electricity(String code, String title, PledgeArea area, String gpcRef, String max) {
        actions.put(code, new Action(code, title, area, gpcRef, 2, "kWh/yr", GRID_ELECTRICITY, PER_KWH, null,
                new BigDecimal(max)));
    }

    public Optional<Action> find(String code) {
        return Optional.ofNullable(code).map(actions::get);
    }

    public Collection<Action> all() {
        return actions.values();
    }
}
