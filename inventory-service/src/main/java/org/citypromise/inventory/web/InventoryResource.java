package org.citypromise.inventory.web;

import io.swagger.v3.oas.annotations.media.Schema;
import org.citypromise.inventory.domain.GpcInventory;
import org.citypromise.inventory.domain.InventoryRow;
import org.citypromise.inventory.domain.InventoryTotals;
import org.citypromise.inventory.domain.VersionedInventory;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A published GPC inventory as the API shows it: each row with its scope and reporting level, the totals per
 * sector and overall. Its own type, not the event's: the API and the event contract evolve by their own rules.
 */
@Schema(description = "A city's GPC inventory of one year, with its totals")
record InventoryResource(
        @Schema(example = "seoul") String cityId,
        @Schema(example = "2022") int year,
        @Schema(description = "Grows by one with every re-publication", example = "1") long version,
        @Schema(example = "AR5") String gwpSet,
        List<Row> rows,
        Totals totals,
        @Schema(description = "Totals per GPC sector (I to V)") Map<String, Totals> bySector,
        Instant publishedAt) {

    record Row(String gpcRef, String sector, int scope, String level, BigDecimal tco2e, String notationKey,
               String includedIn, Map<String, BigDecimal> gases) {
    }

    record Totals(BigDecimal basic, BigDecimal basicPlus, BigDecimal territorial) {
        static Totals of(InventoryTotals.Totals totals) {
            return new Totals(totals.basic(), totals.basicPlus(), totals.territorial());
        }
    }

    static InventoryResource of(VersionedInventory stored) {
        GpcInventory inventory = stored.inventory();
        InventoryTotals totals = inventory.totals();
        Map<String, Totals> bySector = new LinkedHashMap<>();
        totals.bySector().forEach((sector, sectorTotals) -> bySector.put(sector.name(), Totals.of(sectorTotals)));
        return new InventoryResource(inventory.city().value(), inventory.year(), stored.version(),
                inventory.gwpSet().name(), inventory.rows().stream().map(InventoryResource::row).toList(),
                Totals.of(totals.overall()), bySector, stored.changedAt());
    }

    private static Row row(InventoryRow row) {
        Map<String, BigDecimal> gases = new LinkedHashMap<>();
        row.gases().forEach((gas, tonnes) -> gases.put(gas.jsonName(), tonnes));
        return new Row(row.row().reference(), row.row().sector().name(), row.row().scope(), row.row().level().name(),
                row.tco2e(), row.notationKey() == null ? null : row.notationKey().name(), row.includedIn(),
                gases.isEmpty() ? null : gases);
    }
}
