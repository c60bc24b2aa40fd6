package org.citypromise.inventory.messaging;

import org.citypromise.kit.outbox.CurrentTrace;
import org.citypromise.kit.outbox.PendingEvent;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.UUID;

/** Turns a change into the outbox entry that announces it: a new CloudEvent id, the city as key, JSON data. */
public class Announcements {

    private final JsonMapper json;
    private final CurrentTrace trace;

    public Announcements(JsonMapper json, CurrentTrace trace) {
        this.json = json;
        this.trace = trace;
    }

    public PendingEvent of(String type, String cityId, String subject, Instant time, Object data) {
        return new PendingEvent(UUID.randomUUID().toString(), cityId, type, subject, time, json.writeValueAsString(data),
                trace.traceparent());
    }
}
