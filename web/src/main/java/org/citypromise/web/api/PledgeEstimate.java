package org.citypromise.web.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.math.BigDecimal;

/** pledge-service's estimate of a pledge not yet made: the number the pledge will get. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PledgeEstimate(String cityId, String actionCode, BigDecimal quantity, String unit,
                             BigDecimal estimatedTco2ePerYear, Pledge.Factor emissionFactor) {
}
