package org.citypromise.benchmark;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;

/**
 * What the peers of the service ((a) a plain consumer, (c) Kafka Streams) read of a pledge event: the
 * same Jackson parse for both, so that they pay for JSON as the service does.
 */
record ParsedPledge(String pledgeId, String cityId, long version, BigDecimal estimatedTco2ePerYear, String status) {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    static ParsedPledge parse(byte[] body) {
        return JSON.readValue(body, ParsedPledge.class);
    }

    /** Withdrawn (or lapsed) pledges still count as pledges but no longer add to what the city is promised. */
    boolean stands() {
        return "ACTIVE".equals(status) || "FULFILLED".equals(status);
    }

    long grams() {
        return estimatedTco2ePerYear.movePointRight(6).longValueExact();
    }

    long standingGrams() {
        return stands() ? grams() : 0;
    }
}
