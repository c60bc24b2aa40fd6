package org.citypromise.aggregation;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import org.citypromise.aggregation.messaging.ContributionEvents;
import org.citypromise.aggregation.store.ContributionStore;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.time.Clock;
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
        return new ContributionStore(database.getCollection("city_contributions"), database.getCollection("pledges"));
    }

    @Bean
    ContributionEvents contributionEvents(ContributionStore store, Clock clock) {
        return new ContributionEvents(store, clock);
    }

    /** Bound to inventory-events as {@code inventoryEvents-in-0}. */
    @Bean
    Consumer<Message<byte[]>> inventoryEvents(ContributionEvents events) {
        return events::onInventoryEvent;
    }

    /** Bound to pledge-events as {@code pledgeEvents-in-0}. */
    @Bean
    Consumer<Message<byte[]>> pledgeEvents(ContributionEvents events) {
        return events::onPledgeEvent;
    }
}
