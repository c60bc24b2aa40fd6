package org.citypromise.aggregation;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * aggregation-service's settings ({@code citypromise.*}); their defaults and what each is for are in
 * application.yml.
 */
@ConfigurationProperties("citypromise")
public record AggregationProperties(Aggregation aggregation, Kafka kafka) {

    /**
     * @param group          the prefix of the consumer groups, {@code <group>-g<generation>}
     * @param consumers      consumer threads per instance
     * @param topicPatience  how long to wait at start for the topics this service reads
     */
    public record Aggregation(String group, int consumers, StoreRetry storeRetry, Snapshots snapshots,
                              Duration topicPatience) {
    }

    /** The pauses between attempts at a poll the store (or the broker) failed to take. */
    public record StoreRetry(Duration initialInterval, Duration maxInterval) {
    }

    /** How often changed cities are published, and how long the publisher's lease lasts. */
    public record Snapshots(Duration interval, Duration lease) {
    }

    /** The topics this service declares. */
    public record Kafka(int partitions, short replicas) {
    }
}
