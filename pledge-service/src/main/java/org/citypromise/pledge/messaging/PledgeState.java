package org.citypromise.pledge.messaging;

import org.citypromise.pledge.domain.Pledge;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The data of {@value PledgeEvents#PLEDGE_SUBMITTED} (version 1 of a pledge) and of
 * {@value PledgeEvents#PLEDGE_UPDATED} (every later version): the pledge's full state, the same fields in
 * both (schemas {@code events/pledge-submitted.v1.schema.json} and {@code pledge-updated.v1.schema.json}).
 * Carries no personal data: what subscribers aggregate is the action, where it counts in the GPC inventory
 * and how much is pledged and achieved. Not the REST resource: the API and the event contract evolve apart.
 */
public record PledgeState(String pledgeId, String cityId, String participantId, String stakeholderType,
                              String actionCode,
                              String pledgeArea, String gpcRef, int scope, BigDecimal quantity, String unit,
                              Factor emissionFactor, BigDecimal estimatedTco2ePerYear, LocalDate targetDate,
                              BigDecimal achievedQuantity, BigDecimal achievedTco2ePerYear, String status,
                              long version, Instant pledgedAt, Instant changedAt) {

    public record Factor(String code, BigDecimal value, String unit, String source, Integer year, String origin) {
    }

    public static PledgeState of(Pledge pledge) {
        return new PledgeState(pledge.id().toString(), pledge.cityId(), pledge.participantId(),
                pledge.stakeholderType().name(),
                pledge.action().code(), pledge.action().area().name(), pledge.action().gpcRef(), pledge.action().scope(),
                pledge.quantity(), pledge.action().unit(),
                new Factor(pledge.factor().code(), pledge.factor().value(), pledge.factor().unit(),
                        pledge.factor().source(), pledge.factor().year(), pledge.factor().origin().name()),
                pledge.estimatedTco2ePerYear(), pledge.targetDate(), pledge.achievedQuantity(),
                pledge.achievedTco2ePerYear(), pledge.status().name(), pledge.version(), pledge.pledgedAt(),
                pledge.changedAt());
    }

    /** The event type of this version: submitted for the first, updated for every later one. */
    public String type() {
        return version == 1 ? PledgeEvents.PLEDGE_SUBMITTED : PledgeEvents.PLEDGE_UPDATED;
    }
}
