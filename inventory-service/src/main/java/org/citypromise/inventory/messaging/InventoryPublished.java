package org.citypromise.inventory.messaging;

import org.citypromise.inventory.domain.GpcInventory;
import org.citypromise.inventory.domain.InventoryRow;
import org.citypromise.inventory.domain.InventoryTotals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@value InventoryEvents#INVENTORY_PUBLISHED}: a city published (or re-published) its GPC inventory of
 * a year. Carries the full inventory with each row's scope and reporting level, and its totals.
 */
public record InventoryPublished(String cityId, int year, long version, String gwpSet, List<Row> rows,
                                 Totals totals, Map<String, Totals> bySector, Instant publishedAt) {

    public record Row(String gpcRef, String sector, int scope, String level, BigDecimal tco2e, String notationKey,
                      String includedIn, Map<String, BigDecimal> gases) {
    }

    public record Totals(BigDecimal basic, BigDecimal basicPlus, BigDecimal territorial) {
        static Totals of(InventoryTotals.Totals totals) {
            return new Totals(totals.basic(), totals.basicPlus(), totals.territorial());
        }
    }

    public static InventoryPublished of(GpcInventory inventory, long version, Instant publishedAt) {
        InventoryTotals totals = inventory.totals();
        Map<String, Totals> bySector = new LinkedHashMap<>();
        totals.bySector().forEach((sector, sectorTotals) -> bySector.put(sector.name(), Totals.of(sectorTotals)));
        return new InventoryPublished(inventory.city().value(), inventory.year(), version, inventory.gwpSet().name(),
                inventory.rows().stream().map(InventoryPublished::row).toList(), Totals.of(totals.overall()), bySector,
                publishedAt);
    }

    private static Row row(InventoryRow row) {
        Map<String, BigDecimal> gases = new LinkedHashMap<>();
        row.gases().forEach((gas, tonnes) -> gases.put(gas.jsonName(), tonnes));
        return new Row(row.row().reference(), row.row().sector().name(), row.row().scope(), row.row().level().name(),
                row.tco2e(), row.notationKey() == null ? null : row.notationKey().name(), row.includedIn(),
                gases.isEmpty() ? null : gases);
    }
}
