package org.citypromise.pledge.messaging;

/**
 * The topics, bindings and event types of pledge-service, declared once, here. What it emits is
 * described in {@code src/main/resources/events/} (JSON Schemas, examples, asyncapi.yaml).
 */
public final class PledgeEvents {

    /** Pledges and their changes; key = city id, so one city's pledges stay in order on one partition. */
    public static final String TOPIC = "pledge-events";
    public static final String BINDING = "pledgeEvents-out-0";
    public static final String SOURCE = "/citypromise/pledge-service";

    public static final String PLEDGE_SUBMITTED = "org.citypromise.pledge.pledge-submitted.v1";
    public static final String PLEDGE_UPDATED = "org.citypromise.pledge.pledge-updated.v1";

    /** What this service reads: the city registry published by inventory-service. */
    public static final String INVENTORY_TOPIC = "inventory-events";
    public static final String CITY_REGISTERED = "org.citypromise.inventory.city-registered.v1";
    public static final String EMISSION_FACTORS_PUBLISHED = "org.citypromise.inventory.emission-factors-published.v1";

    private PledgeEvents() {
    }

    public static String pledgeSubject(String pledgeId) {
        return "pledges/" + pledgeId;
    }
}
