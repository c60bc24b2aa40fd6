package org.citypromise.aggregation.messaging;

/**
 * aggregation-service's own copy of inventory-service's {@value AggregationTopics#CITY_REGISTERED},
 * with only the fields the views use; anything else in the body is ignored. Pinned by
 * {@code ConsumedEventsContractTest}.
 */
public record CityRegistered(String cityId, String name, String countryCode, Long population, Long version) {
}
