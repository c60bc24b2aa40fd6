package org.citypromise.inventory.store;

import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.citypromise.inventory.domain.CityId;
import org.citypromise.inventory.domain.Gas;
import org.citypromise.inventory.domain.GpcSector;
import org.citypromise.inventory.domain.InventoryBoundary;
import org.citypromise.inventory.domain.Target;
import org.citypromise.inventory.domain.TargetType;
import org.citypromise.inventory.domain.VersionedTarget;
import org.citypromise.inventory.domain.Written;
import org.citypromise.kit.outbox.PendingEvent;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongFunction;

/**
 * The {@code targets} collection: one versioned document per city holding its target and the levels
 * computed from it, with the version of the base-year inventory they were computed from.
 */
public class TargetStore {

    private final VersionedDocuments targets;

    TargetStore(VersionedDocuments targets) {
        this.targets = targets;
    }

    public Optional<VersionedTarget> find(CityId city) {
        return targets.find(city.value()).map(TargetStore::toStored);
    }

    /** Targets measured against a base-year inventory, which must be recomputed when it is re-published. */
    public List<VersionedTarget> baseYearTargets() {
        return targets.list(Filters.in("type", TargetType.BASE_YEAR.name(), TargetType.BASE_YEAR_INTENSITY.name()),
                null, 0, Integer.MAX_VALUE).stream().map(TargetStore::toStored).toList();
    }

    public Written<VersionedTarget> set(Target target, BigDecimal baseYearEmissions, BigDecimal targetEmissions,
                                        long basedOnInventoryVersion, OptionalLong expectedVersion, Instant now,
                                        LongFunction<PendingEvent> announcement) {
        Document state = new Document("type", target.type().name())
                .append("baseYear", target.baseYear())
                .append("targetYear", target.targetYear())
                .append("reductionPercent", decimal(target.reductionPercent()))
                .append("baselineEmissionsTco2e", decimal(target.baselineEmissionsTco2e()))
                .append("targetLevelTco2e", decimal(target.fixedLevelTco2e()))
                .append("baseYearPopulation", target.baseYearPopulation())
                .append("targetYearPopulation", target.targetYearPopulation())
                .append("sectors", target.sectors().stream().sorted().map(Enum::name).toList())
                .append("gases", target.gases().stream().sorted().map(Gas::jsonName).toList())
                .append("boundary", target.boundary().name())
                .append("baseYearEmissionsTco2e", decimal(baseYearEmissions))
                .append("targetEmissionsTco2e", decimal(targetEmissions))
                .append("basedOnInventoryVersion", basedOnInventoryVersion);
        VersionedDocuments.Write written = targets.write(target.city().value(), state, expectedVersion, now,
                announcement);
        return new Written<>(new VersionedTarget(target, baseYearEmissions, targetEmissions, basedOnInventoryVersion,
                written.version(), written.changedAt()), written.outcome());
    }

    private static Decimal128 decimal(BigDecimal value) {
        return value == null ? null : new Decimal128(value);
    }

    private static BigDecimal decimal(Document document, String field) {
        Decimal128 value = document.get(field, Decimal128.class);
        return value == null ? null : value.bigDecimalValue();
    }

    private static Long longOrNull(Document document, String field) {
        Object value = document.get(field);
        return value == null ? null : ((Number) value).longValue();
    }

    private static VersionedTarget toStored(Document d) {
        EnumSet<GpcSector> sectors = EnumSet.noneOf(GpcSector.class);
        d.getList("sectors", String.class).forEach(s -> sectors.add(GpcSector.valueOf(s)));
        EnumSet<Gas> gases = EnumSet.noneOf(Gas.class);
        d.getList("gases", String.class).forEach(g -> gases.add(Gas.fromJsonName(g)));
        Target target = new Target(new CityId(d.getString("_id")), TargetType.valueOf(d.getString("type")),
                d.getInteger("baseYear"), d.getInteger("targetYear"), decimal(d, "reductionPercent"),
                decimal(d, "baselineEmissionsTco2e"), decimal(d, "targetLevelTco2e"), longOrNull(d, "baseYearPopulation"),
                longOrNull(d, "targetYearPopulation"), sectors, gases, InventoryBoundary.valueOf(d.getString("boundary")));
        return new VersionedTarget(target, decimal(d, "baseYearEmissionsTco2e"), decimal(d, "targetEmissionsTco2e"),
                ((Number) d.get("basedOnInventoryVersion")).longValue(), VersionedDocuments.version(d),
                d.getDate(VersionedDocuments.CHANGED_AT).toInstant());
    }
}
