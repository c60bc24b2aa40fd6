package org.citypromise.inventory;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.citypromise.inventory.messaging.Announcements;
import org.citypromise.inventory.messaging.InventoryEvents;
import org.citypromise.inventory.messaging.OutboxRelay;
import org.citypromise.inventory.store.CityStore;
import org.citypromise.inventory.store.EmissionFactorStore;
import org.citypromise.inventory.store.InventoryStore;
import org.citypromise.inventory.store.TargetStore;
import org.citypromise.inventory.store.VersionedDocuments;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.List;

@Configuration(proxyBeanMethods = false)
class InventoryConfiguration {

    /** The collections whose documents carry outboxes, each with the index the relay finds them by. */
    record Collections(MongoCollection<Document> cities, MongoCollection<Document> inventories,
                       MongoCollection<Document> targets, MongoCollection<Document> emissionFactors) {

        List<MongoCollection<Document>> all() {
            return List.of(cities, inventories, targets, emissionFactors);
        }
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Announcements announcements(JsonMapper json) {
        return new Announcements(json);
    }

    @Bean
    MongoDatabase inventoryDatabase(MongoClient client, MongoConnectionDetails connection) {
        String name = connection.getConnectionString().getDatabase();
        return client.getDatabase(name != null ? name : "inventory");
    }

    @Bean
    Collections inventoryCollections(MongoDatabase database) {
        Collections collections = new Collections(database.getCollection("cities"),
                database.getCollection("inventories"), database.getCollection("targets"),
                database.getCollection("emission_factors"));
        for (MongoCollection<Document> collection : collections.all()) {
            // Lets the outbox relay find the few documents with unpublished events without a full scan.
            collection.createIndex(Indexes.ascending(OutboxRelay.OUTBOX_FIELD + ".id"), new IndexOptions().sparse(true));
        }
        collections.inventories().createIndex(Indexes.ascending("cityId", "year"));
        collections.targets().createIndex(Indexes.ascending("type"));
        return collections;
    }

    @Bean
    CityStore cityStore(Collections collections) {
        return new CityStore(new VersionedDocuments(collections.cities()));
    }

    @Bean
    InventoryStore inventoryStore(Collections collections) {
        return new InventoryStore(new VersionedDocuments(collections.inventories()));
    }

    @Bean
    TargetStore targetStore(Collections collections) {
        return new TargetStore(new VersionedDocuments(collections.targets()));
    }

    @Bean
    EmissionFactorStore emissionFactorStore(Collections collections) {
        return new EmissionFactorStore(new VersionedDocuments(collections.emissionFactors()));
    }

    @Bean
    OutboxRelay outboxRelay(Collections collections, StreamBridge streamBridge) {
        return new OutboxRelay(collections.all(), streamBridge, InventoryEvents.BINDING);
    }
}
