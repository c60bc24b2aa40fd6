package org.citypromise.inventory;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.admin.NewTopic;
import org.citypromise.inventory.application.CityPublications;
import org.citypromise.inventory.messaging.Announcements;
import org.citypromise.inventory.messaging.InventoryEvents;
import org.citypromise.inventory.store.CityStore;
import org.citypromise.inventory.store.EmissionFactorStore;
import org.citypromise.inventory.store.InventoryDatabase;
import org.citypromise.inventory.store.InventoryStore;
import org.citypromise.inventory.store.TargetStore;
import org.citypromise.inventory.web.ApiAccess;
import org.citypromise.kit.outbox.CurrentTrace;
import org.citypromise.kit.outbox.OutboxRelay;
import org.citypromise.kit.web.StrictJson;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;

/** Wires the adapters to the use cases, from {@link InventoryProperties}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InventoryProperties.class)
class InventoryConfiguration {

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
    ApiAccess apiAccess(InventoryProperties properties) {
        return new ApiAccess(properties.cors().allowedOrigins(), properties.maxRequestBodyBytes());
    }

    @Bean
    Announcements announcements(JsonMapper json, ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        // without tracing (switched off), events just carry no trace context
        return new Announcements(json, new CurrentTrace(tracer.getIfAvailable(() -> Tracer.NOOP),
                propagator.getIfAvailable(() -> Propagator.NOOP)));
    }

    @Bean
    MongoDatabase mongoDatabase(MongoClient client, MongoConnectionDetails connection) {
        String name = connection.getConnectionString().getDatabase();
        return client.getDatabase(name != null ? name : "inventory");
    }

    @Bean
    InventoryDatabase inventoryDatabase(MongoDatabase database) {
        return new InventoryDatabase(database);
    }

    @Bean
    CityStore cityStore(InventoryDatabase database) {
        return database.cities();
    }

    @Bean
    InventoryStore inventoryStore(InventoryDatabase database) {
        return database.inventories();
    }

    @Bean
    TargetStore targetStore(InventoryDatabase database) {
        return database.targets();
    }

    @Bean
    EmissionFactorStore emissionFactorStore(InventoryDatabase database) {
        return database.emissionFactors();
    }

    @Bean
    OutboxRelay outboxRelay(InventoryDatabase database, StreamBridge streamBridge, MeterRegistry meters,
                            ObservationRegistry observations) {
        return new OutboxRelay(database.withOutboxes(), streamBridge, InventoryEvents.BINDING, InventoryEvents.SOURCE,
                InventoryEvents.TOPIC, meters, observations);
    }

    /** The topic this service publishes, declared once, here, at startup; its settings: {@link InventoryEvents}. */
    @Bean
    NewTopic eventsTopic(InventoryProperties properties) {
        return InventoryEvents.topic(properties.kafka().partitions(), properties.kafka().replicas());
    }

    /** Base-year targets checked against their base-year inventory every citypromise.targets.refresh-interval. */
    @Bean
    SchedulingConfigurer targetRefresh(CityPublications publications, InventoryProperties properties) {
        return tasks -> tasks.addFixedDelayTask(publications::refreshTargets, properties.targets().refreshInterval());
    }
}
