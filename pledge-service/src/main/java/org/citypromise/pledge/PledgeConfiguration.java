package org.citypromise.pledge;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.bson.Document;
import org.citypromise.pledge.domain.ActionCatalog;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.citypromise.pledge.messaging.CurrentTrace;
import org.citypromise.pledge.messaging.InventoryEventsListener;
import org.springframework.beans.factory.ObjectProvider;
import org.citypromise.pledge.messaging.OutboxRelay;
import org.citypromise.pledge.messaging.PledgeEvents;
import org.citypromise.pledge.store.KnownCities;
import org.citypromise.pledge.store.PledgeStore;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.messaging.Message;

import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

@Configuration(proxyBeanMethods = false)
class PledgeConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ActionCatalog actionCatalog() {
        return new ActionCatalog();
    }

    @Bean
    MongoDatabase pledgeDatabase(MongoClient client, MongoConnectionDetails connection) {
        String name = connection.getConnectionString().getDatabase();
        return client.getDatabase(name != null ? name : "pledge");
    }

    @Bean
    MongoCollection<Document> pledges(MongoDatabase database) {
        MongoCollection<Document> pledges = database.getCollection("pledges");
        // One pledge per idempotency key; sparse, since most clients may send none.
        pledges.createIndex(Indexes.ascending("idempotency.key"), new IndexOptions().unique(true).sparse(true));
        pledges.createIndex(Indexes.ascending(OutboxRelay.OUTBOX_FIELD + ".id"), new IndexOptions().sparse(true));
        pledges.createIndex(Indexes.ascending("cityId", "pledgedAt"));
        // a participant's earlier pseudonym, looked up when they pledge again; a resident's pledges, on erasure
        pledges.createIndex(Indexes.ascending(PledgeStore.PARTICIPANT_ID), new IndexOptions().sparse(true));
        pledges.createIndex(Indexes.ascending(PledgeStore.OWNER), new IndexOptions().sparse(true));
        return pledges;
    }

    @Bean
    MongoCollection<Document> knownCities(MongoDatabase database) {
        return database.getCollection("cities");
    }

    @Bean
    PledgeStore pledgeStore(@Qualifier("pledges") MongoCollection<Document> pledges) {
        return new PledgeStore(pledges);
    }

    @Bean
    KnownCities knownCityDirectory(@Qualifier("knownCities") MongoCollection<Document> cities) {
        return new KnownCities(cities);
    }

    /** Without tracing (switched off), events just carry no trace context. */
    @Bean
    CurrentTrace currentTrace(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new CurrentTrace(tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP));
    }

    @Bean
    OutboxRelay outboxRelay(@Qualifier("pledges") MongoCollection<Document> pledges, StreamBridge streamBridge,
                            MeterRegistry meters, ObservationRegistry observations) {
        return new OutboxRelay(List.of(pledges), streamBridge, PledgeEvents.BINDING, PledgeEvents.SOURCE,
                PledgeEvents.TOPIC, meters, observations);
    }

    /** Bound to {@value PledgeEvents#INVENTORY_TOPIC} as {@code inventoryEvents-in-0}. */
    @Bean
    Consumer<Message<byte[]>> inventoryEvents(KnownCities cities) {
        return new InventoryEventsListener(cities);
    }

    /**
     * The topic this service publishes, declared at startup (and its settings corrected if someone else
     * created it first): it keeps its whole history, from which aggregation-service rebuilds its views.
     */
    @Bean
    NewTopic eventsTopic(@Value("${citypromise.kafka.partitions:6}") int partitions,
                         @Value("${citypromise.kafka.replicas:1}") short replicas) {
        return TopicBuilder.name(PledgeEvents.TOPIC).partitions(partitions).replicas(replicas)
                .config(TopicConfig.RETENTION_MS_CONFIG, "-1")
                .config(TopicConfig.RETENTION_BYTES_CONFIG, "-1")
                .build();
    }
}
