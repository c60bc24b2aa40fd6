package org.citypromise.inventory.store;

import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.citypromise.inventory.domain.City;
import org.citypromise.inventory.domain.CityId;
import org.citypromise.kit.outbox.PendingEvent;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongFunction;

/** The {@code cities} collection: one versioned document per registered city. */
public class CityStore {

    public record StoredCity(City city, long version, Instant changedAt) {
    }

    public record Registration(StoredCity stored, VersionedDocuments.Outcome outcome) {
    }

    private final VersionedDocuments cities;

    public CityStore(VersionedDocuments cities) {
        this.cities = cities;
    }

    public Optional<StoredCity> find(CityId id) {
        return cities.find(id.value()).map(CityStore::toStoredCity);
    }

    public List<StoredCity> list(int offset, int limit) {
        return cities.list(Filters.empty(), null, offset, limit).stream().map(CityStore::toStoredCity).toList();
    }

    public long count() {
        return cities.count(Filters.empty());
    }

    /**
     * Registers the city or changes its registration, with the event announcing it, in one atomic
     * write. Registering what is already there changes nothing and announces nothing.
     */
    public Registration register(City city, OptionalLong expectedVersion, Instant now,
                                 LongFunction<PendingEvent> announcement) {
        Document state = new Document("name", city.name())
                .append("countryCode", city.countryCode())
                .append("population", city.population());
        VersionedDocuments.Written written = cities.write(city.id().value(), state, expectedVersion, now, announcement);
        return new Registration(new StoredCity(city, written.version(), written.changedAt()), written.outcome());
    }

    private static StoredCity toStoredCity(Document document) {
        City city = new City(new CityId(document.getString("_id")), document.getString("name"),
                document.getString("countryCode"), ((Number) document.get("population")).longValue());
        return new StoredCity(city, VersionedDocuments.version(document),
                document.getDate(VersionedDocuments.CHANGED_AT).toInstant());
    }
}
