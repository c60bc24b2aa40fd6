package org.citypromise.inventory.domain;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * 100-year global warming potentials of the IPCC's Fifth (AR5) and Sixth (AR6) Assessment Reports, which
 * turn tonnes of a gas into tonnes CO2e. An inventory states which set it uses.
 */
public enum GwpSet {
    AR5(Map.of(Gas.CO2, "1", Gas.CH4, "28", Gas.N2O, "265", Gas.SF6, "23500", Gas.NF3, "16100",
            Gas.HFCS, "1", Gas.PFCS, "1")),
    AR6(Map.of(Gas.CO2, "1", Gas.CH4, "27.9", Gas.CH4_FOSSIL, "29.8", Gas.N2O, "273", Gas.SF6, "25200",
            Gas.NF3, "17400", Gas.HFCS, "1", Gas.PFCS, "1"));

    private final Map<Gas, BigDecimal> potentials;

    GwpSet(Map<Gas, String> potentials) {
        this.potentials = Map.copyOf(potentials.entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> new BigDecimal(e.getValue()))));
    }

    /** The GWP of {@code gas} in this set; empty where the set does not define one (fossil CH4 in AR5). */
    public Optional<BigDecimal> potential(Gas gas) {
        return Optional.ofNullable(potentials.get(gas));
    }
}
