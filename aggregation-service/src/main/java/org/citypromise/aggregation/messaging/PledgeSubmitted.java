package org.citypromise.aggregation.messaging;

import java.math.BigDecimal;

/**
 * aggregation-service's own copy of pledge-service's {@value AggregationTopics#PLEDGE_SUBMITTED},
 * with only the fields the views use; anything else in the body is ignored. Pinned by
 * {@code ConsumedEventsContractTest}.
 *
 * @param estimatedTco2ePerYear tCO2e per year with at most six decimals, read exactly
 */
public record PledgeSubmitted(String pledgeId, String cityId, String stakeholderType, String actionCode,
                              String gpcRef, Integer scope, BigDecimal estimatedTco2ePerYear, Long version) {
}
