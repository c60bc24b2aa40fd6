package org.citypromise.pledge;

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
import org.citypromise.kit.outbox.CurrentTrace;
import org.citypromise.kit.outbox.OutboxRelay;
import org.citypromise.kit.web.StrictJson;
import org.citypromise.pledge.domain.ActionCatalog;
import org.citypromise.pledge.messaging.InventoryEventsListener;
import org.citypromise.pledge.messaging.PledgeEvents;
import org.citypromise.pledge.store.KnownCities;
import org.citypromise.pledge.store.PledgeStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.messaging.Message;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.module.SimpleModule;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.function.Consumer;

@Configuration(proxyBeanMethods = false)
class PledgeConfiguration {

    /** Request bodies are read strictly (duplicate keys, numbers or booleans as text: refused). */
    @Bean
    JsonMapperBuilderCustomizer strictRequestBodies() {
        return StrictJson.requestBodies();
    }

    /**
     * A date is an ISO date in a string, nothing else: not "2027-12-31T00:00:00Z" cut to its day, not
     * [2027,12,31], not [] taken for no date at all.
     */
    @Bean
    JsonMapperBuilderCustomizer strictDates() {
        return builder -> builder.addModule(new SimpleModule("strict-dates")
                .addDeserializer(LocalDate.class, new StrictDates()));
    }

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

    /** Dates in request bodies: yyyy-mm-dd in a string, strictly (no 2027-02-30). */
    static final class StrictDates extends StdDeserializer<LocalDate> {
        private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd")
                .withResolverStyle(ResolverStyle.STRICT);

        StrictDates() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (LocalDate) ctxt.handleUnexpectedToken(LocalDate.class, p);
            }
            String text = p.getString();
            try {
                return LocalDate.parse(text, ISO);
            } catch (DateTimeParseException e) {
                return (LocalDate) ctxt.handleWeirdStringValue(LocalDate.class, text, "is not an ISO date (yyyy-mm-dd)");
            }
        }
    }
}
