package org.citypromise.aggregation.messaging;

import java.util.Set;

/**
 * The names of the topics aggregation-service reads and writes, and of the event types it reads and writes.
 * It declares only the topics it produces (city-contributions, its dead letters: see
 * {@code AggregationConfiguration}); pledge-events and inventory-events are their producers', awaited at start.
 */
public final class AggregationTopics {

    /**
     * The consumer group of the views' consumers: instances share the partitions and the committed offsets.
     * A rebuild of the views reads with a group of its own (see {@code ViewGenerations}).
     */
    public static final String GROUP = "aggregation-service";

    /** inventory-service's cities, inventories, targets and factors; key = city id. */
    public static final String INVENTORY_EVENTS = "inventory-events";

    /** pledge-service's pledges; key = city id. */
    public static final String PLEDGE_EVENTS = "pledge-events";

    /** Records this service could not read, with why and where they came from; one partition, kept. */
    public static final String DEAD_LETTERS = "aggregation-service-dlt";

    /** A snapshot of each city's view, compacted, key = city id: this service's own events. */
    public static final String CITY_CONTRIBUTIONS = "city-contributions";

    public static final String CITY_REGISTERED = "org.citypromise.inventory.city-registered.v1";
    public static final String INVENTORY_PUBLISHED = "org.citypromise.inventory.inventory-published.v1";
    public static final String TARGET_SET = "org.citypromise.inventory.target-set.v1";
    public static final String EMISSION_FACTORS_PUBLISHED = "org.citypromise.inventory.emission-factors-published.v1";
    public static final String PLEDGE_SUBMITTED = "org.citypromise.pledge.pledge-submitted.v1";
    public static final String PLEDGE_UPDATED = "org.citypromise.pledge.pledge-updated.v1";

    /** Every type the views take; any other type, or another version of one of these, is poison. */
    static final Set<String> READ_TYPES = Set.of(CITY_REGISTERED, INVENTORY_PUBLISHED, TARGET_SET,
            EMISSION_FACTORS_PUBLISHED, PLEDGE_SUBMITTED, PLEDGE_UPDATED);

    public static final String CITY_CONTRIBUTION_UPDATED = "org.citypromise.aggregation.city-contribution-updated.v1";

    private AggregationTopics() {
    }
}
