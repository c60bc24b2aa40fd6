package org.citypromise.aggregation.messaging;

import java.math.BigDecimal;
import java.util.Map;

/**
 * aggregation-service's own copy of inventory-service's {@value AggregationTopics#INVENTORY_PUBLISHED},
 * with only the totals the views use. Pinned by {@code ConsumedEventsContractTest}.
 */
public record InventoryPublished(String cityId, Integer year, Long version, Totals totals, Map<String, Totals> bySector) {

    public record Totals(BigDecimal basic, BigDecimal basicPlus, BigDecimal territorial) {
    }
}
