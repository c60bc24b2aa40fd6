package org.citypromise.inventory.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.citypromise.kit.outbox.OutboxRelay;

import java.util.List;

/**
 * The service's MongoDB database: the collections {@code cities}, {@code inventories}, {@code targets} and
 * {@code emission_factors}, each a {@link VersionedDocuments} whose documents carry the outbox of the events
 * announcing their changes. Opening it creates the indexes they are read by.
 */
public class InventoryDatabase {

    private final MongoCollection<Document> cities;
    private final MongoCollection<Document> inventories;
    private final MongoCollection<Document> targets;
    private final MongoCollection<Document> emissionFactors;

    public InventoryDatabase(MongoDatabase database) {
        cities = database.getCollection("cities");
        inventories = database.getCollection("inventories");
        targets = database.getCollection("targets");
        emissionFactors = database.getCollection("emission_factors");
        for (MongoCollection<Document> collection : withOutboxes()) {
            // Lets the outbox relay find the few documents with unpublished events without a full scan.
            collection.createIndex(Indexes.ascending(OutboxRelay.OUTBOX_FIELD + ".id"), new IndexOptions().sparse(true));
        }
        inventories.createIndex(Indexes.ascending("cityId", "year"));
        targets.createIndex(Indexes.ascending("type"));
    }

    /** The collections whose documents carry outboxes: what the outbox relay publishes from. */
    public List<MongoCollection<Document>> withOutboxes() {
        return List.of(cities, inventories, targets, emissionFactors);
    }

    public CityStore cities() {
        return new CityStore(new VersionedDocuments(cities));
    }

    public InventoryStore inventories() {
        return new InventoryStore(new VersionedDocuments(inventories));
    }

    public TargetStore targets() {
        return new TargetStore(new VersionedDocuments(targets));
    }

    public EmissionFactorStore emissionFactors() {
        return new EmissionFactorStore(new VersionedDocuments(emissionFactors));
    }
}
