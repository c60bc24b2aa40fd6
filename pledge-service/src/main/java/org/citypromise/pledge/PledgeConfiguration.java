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
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.bson.Document;
import org.citypromise.kit.messaging.AwaitedTopics;
import org.citypromise.kit.outbox.CurrentTrace;
import org.citypromise.kit.outbox.OutboxRelay;
import org.citypromise.kit.web.StrictJson;
import org.citypromise.pledge.application.PledgeIntake;
import org.citypromise.pledge.application.Pseudonyms;
import org.citypromise.pledge.domain.ActionCatalog;
import org.citypromise.pledge.messaging.InventoryEventsListener;
import org.citypromise.pledge.messaging.PledgeAnnouncements;
import org.citypromise.pledge.messaging.PledgeEvents;
import org.citypromise.pledge.store.KnownCities;
import org.citypromise.pledge.store.PledgeStore;
import org.citypromise.pledge.web.Security;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.messaging.Message;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.context.MessageSource;
import org.springframework.web.servlet.LocaleResolver;
import org.citypromise.kit.web.ApiLanguages;
import tools.jackson.databind.json.JsonMapper;
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
import java.util.Map;
import java.util.function.Consumer;

/** Wires pledge-service: the store, the use cases, the topics, security, from {@link PledgeProperties}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PledgeProperties.class)
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
        // a resident's own pledges, newest first (and their erasure)
        pledges.createIndex(Indexes.compoundIndex(Indexes.ascending(PledgeStore.OWNER), Indexes.descending("pledgedAt")),
                new IndexOptions().sparse(true));
        return pledges;
    }

    @Bean
    MongoCollection<Document> knownCities(MongoDatabase database) {
        return database.getCollection("cities");
    }

    @Bean
    Pseudonyms pseudonyms(PledgeProperties properties) {
        PledgeProperties.Participants participants = properties.participants();
        return new Pseudonyms(participants.pseudonymKeyId(), participants.pseudonymKey(),
                participants.previousPseudonymKeys());
    }

    @Bean
    PledgeAnnouncements pledgeAnnouncements(JsonMapper json, CurrentTrace trace) {
        return new PledgeAnnouncements(json, trace);
    }

    @Bean
    PledgeIntake pledgeIntake(ActionCatalog catalog, KnownCities cities, PledgeStore store,
                              PledgeAnnouncements announcements, Clock clock, Pseudonyms pseudonyms) {
        return new PledgeIntake(catalog, cities, store, announcements, clock, pseudonyms);
    }

    /** Overdue pledges lapse on a sweep every {@code citypromise.pledges.lapse-interval}. */
    @Bean
    SchedulingConfigurer lapseSweep(PledgeIntake intake, PledgeProperties properties) {
        return registrar -> registrar.addFixedDelayTask(intake::lapseOverdue, properties.pledges().lapseInterval());
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, PledgeProperties properties, MessageSource messages) throws Exception {
        return Security.api(http, properties.cors().allowedOrigins(),
                properties.rateLimits().pledgeWritesPerClientPerMinute(),
                properties.rateLimits().pledgeWritesPerAddressPerMinute(), properties.maxRequestBodyBytes(), messages);
    }

    /**
     * The API's texts (the catalog's titles and descriptions, problems) in en, ko, id, fil or vi by Accept-Language:
     * this service's bundles, then the kit's problems every service shares.
     */
    @Bean
    MessageSource messageSource() {
        return ApiLanguages.messages("i18n/actions", "i18n/problems", ApiLanguages.KIT_MESSAGES);
    }

    /** Spring MVC chooses the language as the kit does for the problems it writes outside Spring MVC. */
    @Bean
    LocaleResolver localeResolver() {
        return ApiLanguages.resolver();
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
     * The topic this service publishes, declared here and nowhere else, at startup (and its settings corrected
     * if someone else created it first): it keeps its whole history, from which aggregation-service rebuilds
     * its views.
     */
    @Bean
    NewTopic eventsTopic(PledgeProperties properties) {
        return TopicBuilder.name(PledgeEvents.TOPIC)
                .partitions(properties.kafka().partitions()).replicas(properties.kafka().replicas())
                .config(TopicConfig.RETENTION_MS_CONFIG, "-1")
                .config(TopicConfig.RETENTION_BYTES_CONFIG, "-1")
                .build();
    }

    /**
     * The topic this service reads is inventory-service's to declare: consuming waits until it exists, rather
     * than have the broker create it with its defaults.
     */
    @Bean
    AwaitedTopics awaitedTopics(KafkaAdmin kafkaAdmin, PledgeProperties properties) {
        return new AwaitedTopics(() -> Admin.create(kafkaAdmin.getConfigurationProperties()),
                Map.of(PledgeEvents.INVENTORY_TOPIC, "inventory-service"), properties.kafka().awaitTopicsFor());
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
