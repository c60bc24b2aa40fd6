package org.citypromise.aggregation;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.citypromise.aggregation.messaging.AggregationTopics;
import org.citypromise.aggregation.messaging.ContributionSnapshots;
import org.citypromise.aggregation.messaging.DeadLetters;
import org.citypromise.aggregation.messaging.EventReader;
import org.citypromise.aggregation.store.ViewGenerations;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.citypromise.aggregation.messaging.EventTraces;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;

@Configuration(proxyBeanMethods = false)
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
    ViewGenerations viewGenerations(MongoDatabase database,
                                    @Value("${citypromise.aggregation.group:" + AggregationTopics.GROUP + "}") String group) {
        return new ViewGenerations(database, group);
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
                                EventTraces traces, KafkaAdmin admin,
                                @Value("${citypromise.aggregation.consumers:2}") int concurrency,
                                @Value("${citypromise.aggregation.store-retry.initial-interval:1s}") Duration retryFirst,
                                @Value("${citypromise.aggregation.store-retry.max-interval:30s}") Duration retryMax) {
        return new ViewConsumers(consumers, generations, reader, deadLetters, clock, meters, traces, admin, concurrency,
                retryFirst, retryMax);
    }

    @Bean
    ContributionSnapshots contributionSnapshots(ViewGenerations generations, MongoDatabase database,
                                                KafkaTemplate<String, byte[]> kafka, JsonMapper json, Clock clock,
                                                MeterRegistry meters, EventTraces traces,
                                                @Value("${citypromise.aggregation.snapshots.interval:250ms}") Duration interval,
                                                @Value("${citypromise.aggregation.snapshots.lease:10s}") Duration lease) {
        return new ContributionSnapshots(generations, database.getCollection("leases"), kafka, json, clock, interval,
                lease, meters, traces);
    }

    // The topics this service reads or writes, declared so that whichever service starts first creates
    // them alike. Source topics keep their whole history: the views are rebuilt from it (see README).

    @Bean
    NewTopic pledgeEventsTopic(@Value("${citypromise.kafka.partitions:6}") int partitions,
                               @Value("${citypromise.kafka.replicas:1}") short replicas) {
        return history(AggregationTopics.PLEDGE_EVENTS, partitions, replicas);
    }

    @Bean
    NewTopic inventoryEventsTopic(@Value("${citypromise.kafka.partitions:6}") int partitions,
                                  @Value("${citypromise.kafka.replicas:1}") short replicas) {
        return history(AggregationTopics.INVENTORY_EVENTS, partitions, replicas);
    }

    @Bean
    NewTopic deadLettersTopic(@Value("${citypromise.kafka.replicas:1}") short replicas) {
        // one partition: re-driving reads them in the order they failed
        return history(AggregationTopics.DEAD_LETTERS, 1, replicas);
    }

    @Bean
    NewTopic cityContributionsTopic(@Value("${citypromise.kafka.partitions:6}") int partitions,
                                    @Value("${citypromise.kafka.replicas:1}") short replicas) {
        return TopicBuilder.name(AggregationTopics.CITY_CONTRIBUTIONS).partitions(partitions).replicas(replicas)
                .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                .build();
    }

    private static NewTopic history(String name, int partitions, short replicas) {
        return TopicBuilder.name(name).partitions(partitions).replicas(replicas)
                .config(TopicConfig.RETENTION_MS_CONFIG, "-1")
                .config(TopicConfig.RETENTION_BYTES_CONFIG, "-1")
                .build();
    }
}
