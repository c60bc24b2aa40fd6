package org.citypromise.inventory;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.bson.Document;
import org.citypromise.inventory.messaging.Announcements;
import org.citypromise.inventory.messaging.InventoryEvents;
import org.citypromise.inventory.store.CityStore;
import org.citypromise.inventory.store.EmissionFactorStore;
import org.citypromise.inventory.store.InventoryStore;
import org.citypromise.inventory.store.TargetStore;
import org.citypromise.inventory.store.VersionedDocuments;
import org.citypromise.kit.outbox.CurrentTrace;
import org.citypromise.kit.outbox.OutboxRelay;
import org.citypromise.kit.web.StrictJson;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
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

    /** Request bodies are read strictly (duplicate keys, numbers or booleans as text: refused). */
    @Bean
    JsonMapperBuilderCustomizer strictRequestBodies() {
        return StrictJson.requestBodies();
    }

    @Bean
    Announcements announcements(JsonMapper json, ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        // without tracing (switched off), events just carry no trace context
        return new Announcements(json, new CurrentTrace(tracer.getIfAvailable(() -> Tracer.NOOP),
                propagator.getIfAvailable(() -> Propagator.NOOP)));
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
    OutboxRelay outboxRelay(Collections collections, StreamBridge streamBridge, MeterRegistry meters,
                            ObservationRegistry observations) {
        return new OutboxRelay(collections.all(), streamBridge, InventoryEvents.BINDING, InventoryEvents.SOURCE,
                InventoryEvents.TOPIC, meters,
                observations);
    }

    /**
     * The topic this service publishes, declared at startup (and its settings corrected if someone else
     * created it first): it keeps its whole history, from which aggregation-service rebuilds its views.
     */
    @Bean
    NewTopic eventsTopic(@Value("${citypromise.kafka.partitions:6}") int partitions,
                         @Value("${citypromise.kafka.replicas:1}") short replicas) {
        return TopicBuilder.name(InventoryEvents.TOPIC).partitions(partitions).replicas(replicas)
                .config(TopicConfig.RETENTION_MS_CONFIG, "-1")
                .config(TopicConfig.RETENTION_BYTES_CONFIG, "-1")
                .build();
    }
}
