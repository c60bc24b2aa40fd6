package org.citypromise.inventory.domain;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The totals a GPC inventory reports, overall and per sector, in tCO2e:
 * BASIC (stationary energy and transportation scopes 1 and 2, waste scopes 1 and 3), BASIC+ (BASIC plus
 * IPPU, AFOLU and the scope 3 rows of stationary energy and transportation) and the territorial total
 * (every scope 1 row). Rows with notation keys add nothing.
 */
public record InventoryTotals(Totals overall, Map<GpcSector, Totals> bySector) {

    public record Totals(BigDecimal basic, BigDecimal basicPlus, BigDecimal territorial) {

        static final Totals ZERO = new Totals(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

        Totals plus(InventoryRow row) {
            if (!row.hasAmount()) {
                return this;
            }
            BigDecimal amount = row.tco2e();
            return new Totals(
                    row.row().countsInBasic() ? basic.add(amount) : basic,
                    row.row().countsInBasicPlus() ? basicPlus.add(amount) : basicPlus,
                    row.row().countsInTerritorial() ? territorial.add(amount) : territorial);
        }
    }
}
