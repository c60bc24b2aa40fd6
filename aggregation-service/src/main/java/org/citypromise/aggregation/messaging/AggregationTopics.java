package org.citypromise.aggregation.messaging;

/** The topics and event types aggregation-service reads, declared once, here. */
public final class AggregationTopics {

    public static final String INVENTORY_EVENTS = "inventory-events";
    public static final String PLEDGE_EVENTS = "pledge-events";

    public static final String CITY_REGISTERED = "org.citypromise.inventory.city-registered.v1";
    public static final String PLEDGE_SUBMITTED = "org.citypromise.pledge.pledge-submitted.v1";

    private AggregationTopics() {
    }
}
