package org.citypromise.aggregation.messaging;

/**
 * The topics, bindings and event types aggregation-service reads, declared once, here. The bindings
 * are the functional beans {@value #INVENTORY_FUNCTION} and {@value #PLEDGE_FUNCTION}; application.yml
 * binds them to these topics (pinned by the integration test).
 */
public final class AggregationTopics {

    /** The consumer group of every binding: instances share the partitions and the committed offsets. */
    public static final String GROUP = "aggregation-service";

    /** inventory-service's cities (and later inventories, targets, factors); key = city id. */
    public static final String INVENTORY_EVENTS = "inventory-events";
    public static final String INVENTORY_FUNCTION = "inventoryEvents";
    public static final String INVENTORY_BINDING = INVENTORY_FUNCTION + "-in-0";

    /** pledge-service's pledges; key = city id. */
    public static final String PLEDGE_EVENTS = "pledge-events";
    public static final String PLEDGE_FUNCTION = "pledgeEvents";
    public static final String PLEDGE_BINDING = PLEDGE_FUNCTION + "-in-0";

    public static final String CITY_REGISTERED = "org.citypromise.inventory.city-registered.v1";
    public static final String INVENTORY_PUBLISHED = "org.citypromise.inventory.inventory-published.v1";
    public static final String TARGET_SET = "org.citypromise.inventory.target-set.v1";
    public static final String EMISSION_FACTORS_PUBLISHED = "org.citypromise.inventory.emission-factors-published.v1";
    public static final String PLEDGE_SUBMITTED = "org.citypromise.pledge.pledge-submitted.v1";
    public static final String PLEDGE_UPDATED = "org.citypromise.pledge.pledge-updated.v1";

    private AggregationTopics() {
    }
}
