package org.citypromise.pledge.domain;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The actions residents and organisations can pledge.
 *
 * <p>This starter catalog holds actions whose activity is a fuel not burned, so their default factors
 * come straight from the IPCC 2006 Guidelines, Vol. 2 (Energy): the default CO2 emission factor of the
 * fuel (Table 1.4, kg CO2/TJ) times its default net calorific value (Table 1.2, TJ/Gg), giving kg CO2
 * per kg of fuel. CH4 and N2O from combustion are left out: they add well under 1% for these fuels.
 */
public final class ActionCatalog {

    private static final String IPCC_2006 = "IPCC 2006 Guidelines, Vol. 2, ";

    /** 63,100 kg CO2/TJ x 47.3 TJ/Gg = 2.98463 kg CO2 per kg of LPG. */
    static final EmissionFactor LPG = new EmissionFactor(new BigDecimal("2.98463"), "kgCO2/kg",
            IPCC_2006 + "Table 1.4 (LPG 63,100 kg CO2/TJ) x Table 1.2 (NCV 47.3 TJ/Gg)");
    /** 69,300 kg CO2/TJ x 44.3 TJ/Gg = 3.06999 kg CO2 per kg of motor gasoline. */
    static final EmissionFactor MOTOR_GASOLINE = new EmissionFactor(new BigDecimal("3.06999"), "kgCO2/kg",
            IPCC_2006 + "Table 1.4 (motor gasoline 69,300 kg CO2/TJ) x Table 1.2 (NCV 44.3 TJ/Gg)");
    /** 74,100 kg CO2/TJ x 43.0 TJ/Gg = 3.1863 kg CO2 per kg of gas/diesel oil. */
    static final EmissionFactor GAS_DIESEL_OIL = new EmissionFactor(new BigDecimal("3.1863"), "kgCO2/kg",
            IPCC_2006 + "Table 1.4 (gas/diesel oil 74,100 kg CO2/TJ) x Table 1.2 (NCV 43.0 TJ/Gg)");

    private final Map<String, Action> actions = new LinkedHashMap<>();

    public ActionCatalog() {
        add(new Action("COOKING_LPG_REDUCTION", "Cook with less LPG (lids, pressure cooker, efficient stove)",
                PledgeArea.ENERGY, "I.1.1", 1, "kg/yr", LPG, new BigDecimal("100000")));
        add(new Action("CAR_GASOLINE_REDUCTION", "Burn less gasoline: car-free days, car-pooling, eco-driving",
                PledgeArea.TRANSPORT, "II.1.1", 1, "kg/yr", MOTOR_GASOLINE, new BigDecimal("1000000")));
        add(new Action("GENERATOR_DIESEL_REDUCTION", "Run diesel generators less (grid, solar, load shifting)",
                PledgeArea.ENERGY, "I.2.1", 1, "kg/yr", GAS_DIESEL_OIL, new BigDecimal("10000000")));
    }

    private void add(Action action) {
        actions.put(action.code(), action);
    }

    public Optional<Action> find(String code) {
        return Optional.ofNullable(code).map(actions::get);
    }

    public Collection<Action> all() {
        return actions.values();
    }
}
