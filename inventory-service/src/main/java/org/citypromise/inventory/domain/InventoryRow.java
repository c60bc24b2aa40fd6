package org.citypromise.inventory.domain;

import java.math.BigDecimal;
import java.util.Map;

/**
 * One row of a city's GPC inventory: its emissions in tCO2e, given directly or as tonnes per gas under
 * the inventory's GWP set, or a notation key instead of a number — never both.
 *
 * @param tco2e      the row's emissions, null where a notation key stands
 * @param gases      tonnes per gas as reported, empty where the amount was given as tCO2e
 * @param includedIn for {@link NotationKey#IE}, the row that holds these emissions, if said
 */
public record InventoryRow(GpcRow row, BigDecimal tco2e, Map<Gas, BigDecimal> gases, NotationKey notationKey,
                           String includedIn) {

    public InventoryRow {
        gases = Map.copyOf(gases);
        if ((tco2e == null) == (notationKey == null)) {
            throw new IllegalArgumentException("a row carries a number or a notation key, never both or neither");
        }
    }

    public boolean hasAmount() {
        return tco2e != null;
    }
}
