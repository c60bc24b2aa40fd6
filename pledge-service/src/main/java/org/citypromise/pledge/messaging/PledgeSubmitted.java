package org.citypromise.pledge.messaging;

import org.citypromise.pledge.domain.Pledge;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * {@value PledgeEvents#PLEDGE_SUBMITTED}: a stakeholder pledged an action. Carries no personal data:
 * what subscribers aggregate is the action, where it counts in the GPC inventory and how much.
 */
public record PledgeSubmitted(String pledgeId, String cityId, String stakeholderType, String actionCode,
                              String pledgeArea, String gpcRef, int scope, BigDecimal quantity, String unit,
                              Factor emissionFactor, BigDecimal estimatedTco2ePerYear, String status, long version,
                              Instant pledgedAt) {

    public record Factor(String code, BigDecimal value, String unit, String source, Integer year, String origin) {
    }

    public static PledgeSubmitted of(Pledge pledge) {
        return new PledgeSubmitted(pledge.id().toString(), pledge.cityId(), pledge.stakeholderType().name(),
                pledge.action().code(), pledge.action().area().name(), pledge.action().gpcRef(), pledge.action().scope(),
                pledge.quantity(), pledge.action().unit(),
                new Factor(pledge.factor().code(), pledge.factor().value(), pledge.factor().unit(),
                        pledge.factor().source(), pledge.factor().year(), pledge.factor().origin().name()),
                pledge.estimatedTco2ePerYear(), pledge.status().name(), pledge.version(), pledge.pledgedAt());
    }
}
