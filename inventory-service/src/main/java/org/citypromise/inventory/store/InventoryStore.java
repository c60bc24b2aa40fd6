package org.citypromise.inventory.store;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.citypromise.inventory.domain.CityId;
import org.citypromise.inventory.domain.Gas;
import org.citypromise.inventory.domain.GpcInventory;
import org.citypromise.inventory.domain.GpcTable;
import org.citypromise.inventory.domain.GwpSet;
import org.citypromise.inventory.domain.InventoryRow;
import org.citypromise.inventory.domain.NotationKey;
import org.citypromise.inventory.domain.VersionedInventory;
import org.citypromise.inventory.domain.Written;
import org.citypromise.kit.outbox.PendingEvent;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongFunction;

/**
 * The {@code inventories} collection: one versioned document per city and year (id {@code seoul:2022}).
 * Re-publishing a year is a new version of it. Totals are not stored: they follow from the rows.
 */
public class InventoryStore {

    private final VersionedDocuments inventories;

    InventoryStore(VersionedDocuments inventories) {
        this.inventories = inventories;
    }

    static String id(CityId city, int year) {
        return city.value() + ":" + year;
    }

    public Written<VersionedInventory> publish(GpcInventory inventory, OptionalLong expectedVersion, Instant now,
                                               LongFunction<PendingEvent> announcement) {
        VersionedDocuments.Write written = inventories.write(id(inventory.city(), inventory.year()),
                toDocument(inventory), expectedVersion, now, announcement);
        return new Written<>(new VersionedInventory(inventory, written.version(), written.changedAt()), written.outcome());
    }

    public Optional<VersionedInventory> find(CityId city, int year) {
        return inventories.find(id(city, year)).map(InventoryStore::toStored);
    }

    /** The city's inventories, newest year first. */
    public List<VersionedInventory> list(CityId city, int offset, int limit) {
        return inventories.list(Filters.eq("cityId", city.value()), Sorts.descending("year"), offset, limit).stream()
                .map(InventoryStore::toStored).toList();
    }

    public long count(CityId city) {
        return inventories.count(Filters.eq("cityId", city.value()));
    }

    private static Document toDocument(GpcInventory inventory) {
        return new Document("cityId", inventory.city().value())
                .append("year", inventory.year())
                .append("gwpSet", inventory.gwpSet().name())
                .append("rows", inventory.rows().stream().map(InventoryStore::toDocument).toList());
    }

    private static Document toDocument(InventoryRow row) {
        Document document = new Document("gpcRef", row.row().reference());
        if (row.hasAmount()) {
            document.append("tco2e", new Decimal128(row.tco2e()));
        } else {
            document.append("notationKey", row.notationKey().name());
            if (row.includedIn() != null) {
                document.append("includedIn", row.includedIn());
            }
        }
        if (!row.gases().isEmpty()) {
            Document gases = new Document();
            row.gases().forEach((gas, tonnes) -> gases.append(gas.jsonName(), new Decimal128(tonnes)));
            document.append("gases", gases);
        }
        return document;
    }

    private static VersionedInventory toStored(Document document) {
        List<InventoryRow> rows = document.getList("rows", Document.class).stream().map(row -> {
            Map<Gas, BigDecimal> gases = new EnumMap<>(Gas.class);
            Document stored = row.get("gases", Document.class);
            if (stored != null) {
                stored.forEach((gas, tonnes) -> gases.put(Gas.fromJsonName(gas), ((Decimal128) tonnes).bigDecimalValue()));
            }
            return new InventoryRow(GpcTable.row(row.getString("gpcRef")).orElseThrow(),
                    row.get("tco2e") == null ? null : row.get("tco2e", Decimal128.class).bigDecimalValue(), gases,
                    row.getString("notationKey") == null ? null : NotationKey.valueOf(row.getString("notationKey")),
                    row.getString("includedIn"));
        }).toList();
        GpcInventory inventory = new GpcInventory(new CityId(document.getString("cityId")), document.getInteger("year"),
                GwpSet.valueOf(document.getString("gwpSet")), rows);
        return new VersionedInventory(inventory, VersionedDocuments.version(document),
                document.getDate(VersionedDocuments.CHANGED_AT).toInstant());
    }
}
