package org.citypromise.aggregation;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.citypromise.aggregation.application.ContributionViews;
import org.citypromise.aggregation.application.ViewConsumers;
import org.citypromise.aggregation.application.ViewOperations;
import org.citypromise.aggregation.messaging.AggregationTopics;
import org.citypromise.aggregation.messaging.ContributionSnapshots;
import org.citypromise.aggregation.messaging.DeadLetters;
import org.citypromise.aggregation.messaging.EventReader;
import org.citypromise.aggregation.messaging.EventTraces;
import org.citypromise.aggregation.store.ViewGenerations;
import org.citypromise.kit.messaging.AwaitedTopics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.Map;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AggregationProperties.class)
class AggregationConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    MongoDatabase aggregationDatabase(MongoClient client, MongoConnectionDetails connection) {
        String name = connection.getConnectionString().getDatabase();
        return client.getDatabase(name != null ? name : "aggregation");
    }

    @Bean
    ViewGenerations viewGenerations(MongoDatabase database, AggregationProperties properties) {
        return new ViewGenerations(database, properties.aggregation().group());
    }

    @Bean
    EventReader eventReader(Clock clock) {
        return new EventReader(clock);
    }

    @Bean
    DeadLetters deadLetters(KafkaTemplate<String, byte[]> kafka, ConsumerFactory<String, byte[]> consumers,
                            EventReader reader, ViewGenerations generations, Clock clock, MeterRegistry meters) {
        return new DeadLetters(kafka, consumers, reader, generations, clock, meters);
    }

    /** Without a tracer (tracing switched off), events are still taken, their traces just end here. */
    @Bean
    EventTraces eventTraces(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new EventTraces(tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP));
    }

    @Bean
    ViewConsumers viewConsumers(ConsumerFactory<String, byte[]> consumers, ViewGenerations generations,
                                EventReader reader, DeadLetters deadLetters, Clock clock, MeterRegistry meters,
                                EventTraces traces, KafkaAdmin admin, AggregationProperties properties) {
        var aggregation = properties.aggregation();
        return new ViewConsumers(consumers, generations, reader, deadLetters, clock, meters, traces, admin,
                aggregation.consumers(), aggregation.storeRetry().initialInterval(),
                aggregation.storeRetry().maxInterval());
    }

    @Bean
    ContributionViews contributionViews(ViewGenerations generations) {
        return new ContributionViews(generations);
    }

    @Bean
    ViewOperations viewOperations(DeadLetters deadLetters, ViewGenerations generations, ViewConsumers consumers) {
        return new ViewOperations(deadLetters, generations, consumers);
    }

    @Bean
    ContributionSnapshots contributionSnapshots(ViewGenerations generations, MongoDatabase database,
                                                KafkaTemplate<String, byte[]> kafka, JsonMapper json, Clock clock,
                                                MeterRegistry meters, EventTraces traces,
                                                AggregationProperties properties) {
        var snapshots = properties.aggregation().snapshots();
        return new ContributionSnapshots(generations, database.getCollection("leases"), kafka, json, clock,
                snapshots.interval(), snapshots.lease(), meters, traces);
    }

    /**
     * The topics this service reads from other services: declared by their producers (partitions and a
     * history kept for rebuilds), awaited here before any consumer subscribes.
     */
    @Bean
    AwaitedTopics awaitedTopics(KafkaAdmin admin, AggregationProperties properties) {
        return new AwaitedTopics(() -> Admin.create(admin.getConfigurationProperties()),
                Map.of(AggregationTopics.PLEDGE_EVENTS, "pledge-service",
                        AggregationTopics.INVENTORY_EVENTS, "inventory-service"),
                properties.aggregation().topicPatience());
    }

    // The topics this service produces, declared here once.

    @Bean
    NewTopic deadLettersTopic(AggregationProperties properties) {
        // one partition: re-driving reads them in the order they failed; kept, to re-drive and rebuild from
        return TopicBuilder.name(AggregationTopics.DEAD_LETTERS).partitions(1).replicas(properties.kafka().replicas())
                .config(TopicConfig.RETENTION_MS_CONFIG, "-1")
                .config(TopicConfig.RETENTION_BYTES_CONFIG, "-1")
                .build();
    }

    @Bean
    NewTopic cityContributionsTopic(AggregationProperties properties) {
        return TopicBuilder.name(AggregationTopics.CITY_CONTRIBUTIONS).partitions(properties.kafka().partitions())
                .replicas(properties.kafka().replicas())
                .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                .build();
    }
}
