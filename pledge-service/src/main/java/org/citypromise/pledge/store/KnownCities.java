package org.citypromise.pledge.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.citypromise.pledge.messaging.CityRegistered;

/**
 * The cities pledge-service has learned from inventory-service's events ({@code cities} collection).
 * Only a newer version of a city replaces what is held, so repeats and late arrivals change nothing.
 */
public class KnownCities {

    private final MongoCollection<Document> cities;

    public KnownCities(MongoCollection<Document> cities) {
        this.cities = cities;
    }

    /** Holds the city unless a same or newer version is already held; says whether it changed anything. */
    public boolean remember(CityRegistered city) {
        try {
            var result = cities.updateOne(
                    Filters.and(Filters.eq("_id", city.cityId()), Filters.lt("version", city.version())),
                    Updates.combine(Updates.set("name", city.name()), Updates.set("countryCode", city.countryCode()),
                            Updates.set("version", city.version())),
                    new UpdateOptions().upsert(true));
            return result.getModifiedCount() + (result.getUpsertedId() == null ? 0 : 1) > 0;
        } catch (MongoWriteException e) {
            // The filter failed on an existing city: it holds this version or a newer one.
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    public boolean isKnown(String cityId) {
        return cities.countDocuments(Filters.eq("_id", cityId)) > 0;
    }
}
