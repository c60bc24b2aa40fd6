package org.citypromise.pledge.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Decimal128;
import org.citypromise.pledge.domain.CityEmissionFactors;
import org.citypromise.pledge.domain.CityFactors;
import org.citypromise.pledge.domain.EmissionFactor;
import org.citypromise.pledge.domain.RegisteredCity;

import java.util.Optional;

/**
 * What pledge-service has learned of each city from inventory-service's events ({@code cities}
 * collection): that it is registered, and its own emission factors. Only a newer version replaces what
 * is held, so repeats and late arrivals change nothing.
 */
public class KnownCities {

    private final MongoCollection<Document> cities;

    public KnownCities(MongoCollection<Document> cities) {
        this.cities = cities;
    }

    /** Holds the city unless a same or newer version is already held; says whether it changed anything. */
    public boolean remember(RegisteredCity city) {
        return newer(city.cityId(), "version", city.version(), Updates.combine(
                Updates.set("name", city.name()), Updates.set("countryCode", city.countryCode()),
                Updates.set("version", city.version())));
    }

    /** Holds the city's factors unless a same or newer list is already held. */
    public boolean remember(CityEmissionFactors published) {
        Document factors = new Document();
        published.factors().forEach(f -> factors.append(f.code(), new Document("value", new Decimal128(f.value()))
                .append("unit", f.unit()).append("source", f.source()).append("year", f.year())));
        return newer(published.cityId(), "factorsVersion", published.version(), Updates.combine(
                Updates.set("factors", factors), Updates.set("factorsVersion", published.version())));
    }

    public boolean isKnown(String cityId) {
        return cities.countDocuments(Filters.and(Filters.eq("_id", cityId), Filters.exists("version"))) > 0;
    }

    /** The city's own factors if it is a registered city, read once: what taking a pledge needs. */
    public Optional<CityFactors> registered(String cityId) {
        Document city = cities.find(Filters.eq("_id", cityId)).first();
        return city == null || city.get("version") == null ? Optional.empty() : Optional.of(factorsOf(city));
    }

    private static CityFactors factorsOf(Document city) {
        Document factors = city.get("factors", Document.class);
        if (factors == null) {
            return CityFactors.NONE;
        }
        return code -> Optional.ofNullable(factors.get(code, Document.class)).map(f -> new EmissionFactor(code,
                f.get("value", Decimal128.class).bigDecimalValue(), f.getString("unit"), f.getString("source"),
                f.getInteger("year"), EmissionFactor.Origin.CITY));
    }

    /**
     * Applies {@code update} unless the city document holds {@code versionField} at {@code version} or
     * above. The guard sits in the upsert's filter: on a document that fails it the upsert raises a
     * duplicate key error, on MongoDB and mongo-java-server alike, which means "already newer".
     */
    private boolean newer(String cityId, String versionField, long version, Bson update) {
        try {
            var result = cities.updateOne(
                    Filters.and(Filters.eq("_id", cityId), Filters.not(Filters.gte(versionField, version))),
                    update, new UpdateOptions().upsert(true));
            return result.getModifiedCount() + (result.getUpsertedId() == null ? 0 : 1) > 0;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }
}
