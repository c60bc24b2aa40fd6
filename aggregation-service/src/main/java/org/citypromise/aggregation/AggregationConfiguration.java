package org.citypromise.aggregation;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import org.citypromise.aggregation.messaging.AggregationTopics;
import org.citypromise.aggregation.messaging.ContributionEvents;
import org.citypromise.aggregation.store.ContributionStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.messaging.Message;
import org.springframework.util.backoff.ExponentialBackOff;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

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
    ContributionStore contributionStore(MongoDatabase database) {
        var participants = database.getCollection("participants");
        // counted per city on every read of a view
        participants.createIndex(com.mongodb.client.model.Indexes.ascending("cityId"));
        return new ContributionStore(database.getCollection("city_contributions"), database.getCollection("pledges"),
                participants);
    }

    @Bean
    ContributionEvents contributionEvents(ContributionStore store, Clock clock, MeterRegistry meters) {
        return new ContributionEvents(store, clock, meters);
    }

    /** Bound to inventory-events as {@value AggregationTopics#INVENTORY_BINDING}. */
    @Bean(AggregationTopics.INVENTORY_FUNCTION)
    Consumer<Message<byte[]>> inventoryEvents(ContributionEvents events) {
        return events::onInventoryEvent;
    }

    /** Bound to pledge-events as {@value AggregationTopics#PLEDGE_BINDING}. */
    @Bean(AggregationTopics.PLEDGE_FUNCTION)
    Consumer<Message<byte[]>> pledgeEvents(ContributionEvents events) {
        return events::onPledgeEvent;
    }

    /**
     * The container's error handler for both bindings (named in application.yml). When a record's
     * in-place attempts ({@code max-attempts}) have all failed, the binder's default handler would log
     * the error and commit past the record, losing a pledge to a store outage of a few seconds. This
     * one seeks back to the record and delivers it again after a growing pause, without limit: a store
     * outage stalls the partition and nothing is skipped. Pauses stay well under
     * {@code max.poll.interval.ms}, so the consumer keeps its partitions meanwhile. Records that cannot
     * be read never get here: the listener skips them itself.
     */
    @Bean
    CommonErrorHandler storeFailureRetry(
            @Value("${citypromise.aggregation.store-retry.initial-interval:1s}") Duration initialInterval,
            @Value("${citypromise.aggregation.store-retry.max-interval:30s}") Duration maxInterval) {
        ExponentialBackOff backOff = new ExponentialBackOff(initialInterval.toMillis(), 2.0);
        backOff.setMaxInterval(maxInterval.toMillis());
        return new DefaultErrorHandler(backOff);
    }
}
