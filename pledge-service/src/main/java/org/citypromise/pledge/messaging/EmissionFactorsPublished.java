package org.citypromise.pledge.messaging;

import java.math.BigDecimal;
import java.util.List;

/**
 * pledge-service's own copy of inventory-service's {@value PledgeEvents#EMISSION_FACTORS_PUBLISHED}:
 * a city's own factors, the whole list. Pinned by the contract test against the producer's examples.
 */
public record EmissionFactorsPublished(String cityId, long version, List<Factor> factors) {

    public record Factor(String code, BigDecimal value, String unit, String source, Integer year) {
    }
}
