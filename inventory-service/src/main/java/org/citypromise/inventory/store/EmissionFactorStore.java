package org.citypromise.inventory.store;

import org.bson.Document;
import org.bson.types.Decimal128;
import org.citypromise.inventory.domain.CityId;
import org.citypromise.inventory.domain.EmissionFactor;
import org.citypromise.inventory.domain.VersionedFactors;
import org.citypromise.inventory.domain.Written;
import org.citypromise.kit.outbox.PendingEvent;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongFunction;

/** The {@code emission_factors} collection: one versioned document per city with its factor list. */
public class EmissionFactorStore {

    private final VersionedDocuments factors;

    EmissionFactorStore(VersionedDocuments factors) {
        this.factors = factors;
    }

    public Optional<VersionedFactors> find(CityId city) {
        return factors.find(city.value()).map(document -> new VersionedFactors(city,
                document.getList("factors", Document.class).stream().map(f -> new EmissionFactor(f.getString("code"),
                        f.get("value", Decimal128.class).bigDecimalValue(), f.getString("unit"), f.getString("source"),
                        f.getInteger("year"))).toList(),
                VersionedDocuments.version(document), document.getDate(VersionedDocuments.CHANGED_AT).toInstant()));
    }

    public Written<VersionedFactors> publish(CityId city, List<EmissionFactor> list, OptionalLong expectedVersion,
                                             Instant now, LongFunction<PendingEvent> announcement) {
        Document state = new Document("factors", list.stream().map(f -> new Document("code", f.code())
                .append("value", new Decimal128(f.value())).append("unit", f.unit()).append("source", f.source())
                .append("year", f.year())).toList());
        VersionedDocuments.Write written = factors.write(city.value(), state, expectedVersion, now, announcement);
        return new Written<>(new VersionedFactors(city, list, written.version(), written.changedAt()), written.outcome());
    }
}
