package org.citypromise.inventory.store;

import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.citypromise.inventory.domain.City;
import org.citypromise.inventory.domain.CityId;
import org.citypromise.inventory.domain.VersionedCity;
import org.citypromise.inventory.domain.Written;
import org.citypromise.kit.outbox.PendingEvent;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongFunction;

/** The {@code cities} collection: one versioned document per registered city. */
public class CityStore {

    private final VersionedDocuments cities;

    CityStore(VersionedDocuments cities) {
        this.cities = cities;
    }

    public Optional<VersionedCity> find(CityId id) {
        return cities.find(id.value()).map(CityStore::toVersionedCity);
    }

    public List<VersionedCity> list(int offset, int limit) {
        return cities.list(Filters.empty(), null, offset, limit).stream().map(CityStore::toVersionedCity).toList();
    }

    public long count() {
        return cities.count(Filters.empty());
    }

    /**
     * Registers the city or changes its registration, with the event announcing it, in one atomic
     * write. Registering what is already there changes nothing and announces nothing.
     */
    public Written<VersionedCity> register(City city, OptionalLong expectedVersion, Instant now,
                                           LongFunction<PendingEvent> announcement) {
        Document state = new Document("name", city.name())
                .append("countryCode", city.countryCode())
                .append("population", city.population());
        VersionedDocuments.Write written = cities.write(city.id().value(), state, expectedVersion, now, announcement);
        return new Written<>(new VersionedCity(city, written.version(), written.changedAt()), written.outcome());
    }

    private static VersionedCity toVersionedCity(Document document) {
        City city = new City(new CityId(document.getString("_id")), document.getString("name"),
                document.getString("countryCode"), ((Number) document.get("population")).longValue());
        return new VersionedCity(city, VersionedDocuments.version(document),
                document.getDate(VersionedDocuments.CHANGED_AT).toInstant());
    }
}
