package org.citypromise.inventory.domain;

/**
 * The seven Kyoto gases as an inventory row reports them, in tonnes. HFCs and PFCs are families of
 * species with a GWP each, so they are reported already as tonnes CO2e. AR6 gives fossil methane its own
 * GWP; it is reported apart from other methane.
 */
public enum Gas {
    CO2, CH4, CH4_FOSSIL, N2O, HFCS, PFCS, SF6, NF3;

    /** The name used in JSON: {@code CO2}, {@code CH4}, {@code CH4_fossil}, {@code N2O}, {@code HFCs}, ... */
    public String jsonName() {
        return switch (this) {
            case CH4_FOSSIL -> "CH4_fossil";
            case HFCS -> "HFCs";
            case PFCS -> "PFCs";
            default -> name();
        };
    }

    public static Gas fromJsonName(String name) {
        for (Gas gas : values()) {
            if (gas.jsonName().equals(name)) {
                return gas;
            }
        }
        return null;
    }
}
