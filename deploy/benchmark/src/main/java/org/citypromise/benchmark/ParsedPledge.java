package org.citypromise.benchmark;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;

/** What the peers (a plain consumer, Kafka Streams) read of a pledge event: the same parse for both. */
record ParsedPledge(String pledgeId, String cityId, long version, BigDecimal estimatedTco2ePerYear, String status) {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    static ParsedPledge parse(byte[] body) {
        return JSON.readValue(body, ParsedPledge.class);
    }

    long grams() {
        return estimatedTco2ePerYear.movePointRight(6).longValueExact();
    }
}
