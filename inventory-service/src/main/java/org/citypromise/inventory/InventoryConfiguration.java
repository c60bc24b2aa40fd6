package org.citypromise.inventory;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.citypromise.inventory.messaging.InventoryEvents;
import org.citypromise.inventory.messaging.OutboxRelay;
import org.citypromise.inventory.store.CityStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;

import java.time.Clock;
import java.util.List;

@Configuration(proxyBeanMethods = false)
class InventoryConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    MongoDatabase inventoryDatabase(MongoClient client, MongoConnectionDetails connection,
                                    @Value("${citypromise.mongodb.default-database:inventory}") String fallback) {
        String name = connection.getConnectionString().getDatabase();
        return client.getDatabase(name != null ? name : fallback);
    }

    @Bean
    MongoCollection<Document> cities(MongoDatabase database) {
        MongoCollection<Document> cities = database.getCollection("cities");
        // Lets the outbox relay find the few documents with unpublished events without a full scan.
        cities.createIndex(Indexes.ascending(OutboxRelay.OUTBOX_FIELD + ".id"), new IndexOptions().sparse(true));
        return cities;
    }

    @Bean
    CityStore cityStore(MongoCollection<Document> cities) {
        return new CityStore(cities);
    }

    @Bean
    OutboxRelay outboxRelay(MongoCollection<Document> cities, StreamBridge streamBridge) {
        return new OutboxRelay(List.of(cities), streamBridge, InventoryEvents.BINDING);
    }
}
