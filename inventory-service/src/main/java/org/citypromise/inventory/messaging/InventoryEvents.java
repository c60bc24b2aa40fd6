package org.citypromise.inventory.messaging;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The topics, bindings and event types inventory-service publishes: declared once, here.
 * Their schemas and examples are under {@code src/main/resources/events/}, described by
 * {@code asyncapi.yaml}.
 */
public final class InventoryEvents {

    /** Everything about a city's registration, inventories, targets and factors; key = city id. */
    public static final String TOPIC = "inventory-events";
    /** The Spring Cloud Stream output binding bound to {@link #TOPIC}. */
    public static final String BINDING = "inventoryEvents-out-0";
    /** The CloudEvent source of everything this service emits. */
    public static final String SOURCE = "/citypromise/inventory-service";

    public static final String CITY_REGISTERED = "org.citypromise.inventory.city-registered.v1";
    public static final String INVENTORY_PUBLISHED = "org.citypromise.inventory.inventory-published.v1";
    public static final String TARGET_SET = "org.citypromise.inventory.target-set.v1";
    public static final String EMISSION_FACTORS_PUBLISHED = "org.citypromise.inventory.emission-factors-published.v1";

    private InventoryEvents() {
    }

    /**
     * {@link #TOPIC} as this service declares it at startup (correcting its settings if someone else created
     * it first): it keeps its whole history, from which aggregation-service rebuilds its views. The one
     * place its settings are written; consumers only wait for it.
     */
    public static NewTopic topic(int partitions, short replicas) {
        return TopicBuilder.name(TOPIC).partitions(partitions).replicas(replicas)
                .config(TopicConfig.RETENTION_MS_CONFIG, "-1")
                .config(TopicConfig.RETENTION_BYTES_CONFIG, "-1")
                .build();
    }

    public static String citySubject(String cityId) {
        return "cities/" + cityId;
    }

    public static String inventorySubject(String cityId, int year) {
        return "cities/" + cityId + "/inventories/" + year;
    }

    public static String targetSubject(String cityId) {
        return "cities/" + cityId + "/target";
    }

    public static String emissionFactorsSubject(String cityId) {
        return "cities/" + cityId + "/emission-factors";
    }
}
