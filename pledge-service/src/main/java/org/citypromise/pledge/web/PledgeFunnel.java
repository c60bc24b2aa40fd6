package org.citypromise.pledge.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.citypromise.pledge.application.PledgeIntake;
import org.citypromise.pledge.domain.EstimateUnavailable;
import org.citypromise.pledge.domain.PledgeRefused;
import org.citypromise.pledge.domain.StakeholderType;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Counts pledge submissions that reach the intake in {@code citypromise.pledges.received}, by city,
 * stakeholder type, outcome (accepted, replayed, rejected) and rejection reason: the funnel operators
 * watch per city. Tags stay bounded whatever a client sends: a city is named only if it is registered
 * (else {@code unregistered}), a stakeholder type only if it is one of ours (else {@code invalid}).
 * Bodies that are not JSON at all never get here; they show as HTTP 400 in {@code http.server.requests}.
 */
@Component
class PledgeFunnel {

    static final String UNREGISTERED = "unregistered";
    private static final Set<String> STAKEHOLDERS = Arrays.stream(StakeholderType.values()).map(Enum::name)
            .collect(Collectors.toUnmodifiableSet());

    private final MeterRegistry meters;
    private final PledgeIntake intake;

    PledgeFunnel(MeterRegistry meters, PledgeIntake intake) {
        this.meters = meters;
        this.intake = intake;
    }

    void taken(PledgeIntake.Taken taken) {
        count(taken.pledge().cityId(), taken.pledge().stakeholderType().name(),
                taken.replayed() ? "replayed" : "accepted", "none");
    }

    void rejected(String cityId, String stakeholderType, RuntimeException why) {
        String reason = reason(why);
        // an unknown city's id is whatever the client typed: never a tag value
        String city = reason.equals("unknown-city") || cityId == null || !intake.isRegistered(cityId) ? UNREGISTERED : cityId;
        count(city, stakeholderType == null ? "none" : STAKEHOLDERS.contains(stakeholderType) ? stakeholderType : "invalid",
                "rejected", reason);
    }

    static String reason(RuntimeException why) {
        if (why instanceof PledgeRefused) {
            return "invalid";
        } else if (why instanceof PledgeIntake.UnknownCity) {
            return "unknown-city";
        } else if (why instanceof EstimateUnavailable) {
            return "estimate-unavailable";
        } else if (why instanceof PledgeIntake.IdempotencyKeyReused) {
            return "idempotency-key-reused";
        }
        return "error";
    }

    private void count(String city, String stakeholder, String outcome, String reason) {
        Counter.builder("citypromise.pledges.received")
                .description("Pledge submissions by city, stakeholder type, outcome and rejection reason")
                .tag("city", city).tag("stakeholder", stakeholder).tag("outcome", outcome).tag("reason", reason)
                .register(meters).increment();
    }
}
