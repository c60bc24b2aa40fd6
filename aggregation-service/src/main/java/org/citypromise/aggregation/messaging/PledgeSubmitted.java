package org.citypromise.aggregation.messaging;

import java.math.BigDecimal;

/**
 * aggregation-service's own copy of the pledge state that pledge-service's
 * {@value AggregationTopics#PLEDGE_SUBMITTED} and {@value AggregationTopics#PLEDGE_UPDATED} carry, with
 * only the fields the views use; anything else in the body is ignored. Pinned by
 * {@code ConsumedEventsContractTest}.
 *
 * @param estimatedTco2ePerYear tCO2e per year with at most six decimals, read exactly
 * @param status                null in events from before the lifecycle: an active pledge
 * @param achievedTco2ePerYear  null in events from before the lifecycle: nothing achieved yet
 */
public record PledgeSubmitted(String pledgeId, String cityId, String participantId, String stakeholderType,
                              String actionCode,
                              String pledgeArea, String gpcRef, Integer scope, BigDecimal quantity,
                              Factor emissionFactor, BigDecimal estimatedTco2ePerYear, Long version,
                              String status, BigDecimal achievedTco2ePerYear, java.time.Instant pledgedAt,
                              java.time.Instant changedAt) {

    /** The factor the estimate used: what the view needs to restate it under the city's own. */
    public record Factor(String code, String unit) {
    }
}
