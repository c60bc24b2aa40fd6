package org.citypromise.inventory.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.citypromise.inventory.domain.City;
import org.citypromise.inventory.domain.CityId;
import org.citypromise.inventory.messaging.OutboxRelay;
import org.citypromise.inventory.messaging.PendingEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * The {@code cities} collection: one document per city, holding its registration, its version and
 * the outbox of events its changes have not yet published.
 */
public class CityStore {

    public enum Outcome { CREATED, UPDATED, UNCHANGED }

    public record StoredCity(City city, long version, Instant changedAt) {
    }

    public record Registration(StoredCity stored, Outcome outcome) {
    }

    /** Another writer changed the city between our read and our write too many times in a row. */
    public static class ConcurrentChange extends RuntimeException {
        public ConcurrentChange(CityId id) {
            super("city " + id + " is being changed concurrently, try again");
        }
    }

    private static final int ATTEMPTS = 5;

    private final MongoCollection<Document> cities;

    public CityStore(MongoCollection<Document> cities) {
        this.cities = cities;
    }

    public Optional<StoredCity> find(CityId id) {
        return Optional.ofNullable(cities.find(Filters.eq("_id", id.value())).first()).map(CityStore::toStoredCity);
    }

    public List<StoredCity> list(int offset, int limit) {
        List<StoredCity> page = new ArrayList<>();
        cities.find().sort(Sorts.ascending("_id")).skip(offset).limit(limit)
                .forEach(document -> page.add(toStoredCity(document)));
        return page;
    }

    public long count() {
        return cities.countDocuments();
    }

    /**
     * Registers the city or changes its registration, together with the event announcing it (built
     * for the version the change gets) in one atomic write. Registering what is already there
     * changes nothing and announces nothing.
     */
    public Registration register(City city, Instant now, LongFunction<PendingEvent> announcement) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<StoredCity> current = find(city.id());
            if (current.isEmpty()) {
                try {
                    cities.insertOne(toDocument(city, 1, now).append(OutboxRelay.OUTBOX_FIELD,
                            List.of(announcement.apply(1).toDocument())));
                    return new Registration(new StoredCity(city, 1, now), Outcome.CREATED);
                } catch (MongoWriteException e) {
                    if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                        throw e;
                    }
                    continue; // registered concurrently: read it again
                }
            }
            StoredCity stored = current.get();
            if (stored.city().equals(city)) {
                return new Registration(stored, Outcome.UNCHANGED);
            }
            long next = stored.version() + 1;
            var result = cities.updateOne(
                    Filters.and(Filters.eq("_id", city.id().value()), Filters.eq("version", stored.version())),
                    Updates.combine(
                            Updates.set("name", city.name()),
                            Updates.set("countryCode", city.countryCode()),
                            Updates.set("population", city.population()),
                            Updates.set("version", next),
                            Updates.set("changedAt", Date.from(now)),
                            Updates.push(OutboxRelay.OUTBOX_FIELD, announcement.apply(next).toDocument())));
            if (result.getModifiedCount() == 1) {
                return new Registration(new StoredCity(city, next, now), Outcome.UPDATED);
            }
        }
        throw new ConcurrentChange(city.id());
    }

    private static Document toDocument(City city, long version, Instant now) {
        return new Document("_id", city.id().value())
                .append("name", city.name())
                .append("countryCode", city.countryCode())
                .append("population", city.population())
                .append("version", version)
                .append("changedAt", Date.from(now));
    }

    private static StoredCity toStoredCity(Document document) {
        City city = new City(new CityId(document.getString("_id")), document.getString("name"),
                document.getString("countryCode"), ((Number) document.get("population")).longValue());
        return new StoredCity(city, ((Number) document.get("version")).longValue(),
                document.getDate("changedAt").toInstant());
    }
}
