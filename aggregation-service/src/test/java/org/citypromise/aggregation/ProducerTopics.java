package org.citypromise.aggregation;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.citypromise.aggregation.messaging.AggregationTopics;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The topics aggregation-service reads, declared as their producers (pledge-service, inventory-service)
 * declare them: six partitions, the whole history kept. The service itself only awaits them.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ProducerTopics {

    @Bean
    NewTopic pledgeEventsAsPledgeServiceDeclaresIt() {
        return history(AggregationTopics.PLEDGE_EVENTS);
    }

    @Bean
    NewTopic inventoryEventsAsInventoryServiceDeclaresIt() {
        return history(AggregationTopics.INVENTORY_EVENTS);
    }

    private static NewTopic history(String name) {
        return TopicBuilder.name(name).partitions(6).replicas(1)
                .config(TopicConfig.RETENTION_MS_CONFIG, "-1")
                .config(TopicConfig.RETENTION_BYTES_CONFIG, "-1")
                .build();
    }
}
