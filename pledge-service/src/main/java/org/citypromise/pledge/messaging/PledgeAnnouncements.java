package org.citypromise.pledge.messaging;

import org.citypromise.kit.outbox.CurrentTrace;
import org.citypromise.kit.outbox.PendingEvent;
import org.citypromise.pledge.domain.Pledge;
import tools.jackson.databind.json.JsonMapper;

import java.util.UUID;

/**
 * The event announcing a version of a pledge on {@value PledgeEvents#TOPIC}, ready for the outbox: key = the
 * city, subject = the pledge, time = the change, data = {@link PledgeState}, with the trace of the request
 * that made the change.
 */
public class PledgeAnnouncements {

    private final JsonMapper json;
    private final CurrentTrace trace;

    public PledgeAnnouncements(JsonMapper json, CurrentTrace trace) {
        this.json = json;
        this.trace = trace;
    }

    public PendingEvent of(Pledge pledge) {
        PledgeState data = PledgeState.of(pledge);
        return new PendingEvent(UUID.randomUUID().toString(), pledge.cityId(), data.type(),
                PledgeEvents.pledgeSubject(pledge.id().toString()), pledge.changedAt(), json.writeValueAsString(data),
                trace.traceparent());
    }
}
