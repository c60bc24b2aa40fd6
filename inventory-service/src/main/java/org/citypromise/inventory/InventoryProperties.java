package org.citypromise.inventory;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * The settings of inventory-service ({@code citypromise.*}), bound from {@code application.yml}, which holds
 * every default, and overridable like any Spring property ({@code CITYPROMISE_KAFKA_REPLICAS}, ...).
 *
 * @param maxRequestBodyBytes request bodies above this are refused with 413 before they are read
 * @param kafka               how the topic this service publishes is declared
 * @param cors                the browser origins allowed to call the API
 * @param targets             how often base-year targets are checked against their base-year inventory
 */
@ConfigurationProperties("citypromise")
public record InventoryProperties(long maxRequestBodyBytes, Kafka kafka, Cors cors, Targets targets) {

    /** Partitions and replicas of inventory-events, declared at startup. */
    public record Kafka(int partitions, short replicas) {
    }

    /** None by default: no browser may call the API from another origin. */
    public record Cors(List<String> allowedOrigins) {
    }

    public record Targets(Duration refreshInterval) {
    }
}
