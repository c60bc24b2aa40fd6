package org.citypromise.aggregation.messaging;

import java.math.BigDecimal;
import java.util.List;

/**
 * aggregation-service's own copy of inventory-service's {@value AggregationTopics#EMISSION_FACTORS_PUBLISHED}:
 * a city's own factors, the whole list. Pinned by {@code ConsumedEventsContractTest}.
 */
public record EmissionFactorsPublished(String cityId, Long version, List<Factor> factors) {

    public record Factor(String code, BigDecimal value, String unit) {
    }
}
