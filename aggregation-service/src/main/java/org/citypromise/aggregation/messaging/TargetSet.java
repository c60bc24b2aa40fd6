package org.citypromise.aggregation.messaging;

import java.math.BigDecimal;
import java.util.List;

/**
 * aggregation-service's own copy of inventory-service's {@value AggregationTopics#TARGET_SET}, with only
 * what the gap needs. Pinned by {@code ConsumedEventsContractTest}.
 */
public record TargetSet(String cityId, Long version, String type, Integer baseYear, Integer targetYear,
                        List<String> sectors, String boundary, BigDecimal targetEmissionsTco2e) {
}
