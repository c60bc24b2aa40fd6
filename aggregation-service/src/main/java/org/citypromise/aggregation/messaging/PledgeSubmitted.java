package org.citypromise.aggregation.messaging;

import java.math.BigDecimal;

/**
 * aggregation-service's own copy of pledge-service's {@value AggregationTopics#PLEDGE_SUBMITTED},
 * with only the fields the views use. Pinned by {@code ConsumedEventsContractTest}.
 */
public record PledgeSubmitted(String pledgeId, String cityId, String stakeholderType, String gpcRef,
                              BigDecimal estimatedTco2ePerYear, long version) {
}
