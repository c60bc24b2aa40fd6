package org.citypromise.kit.outbox;

import org.bson.Document;

import java.time.Instant;
import java.util.Date;

/**
 * An event written into the outbox of the document whose change it announces, in the same atomic
 * write, and published to Kafka by {@link OutboxRelay} afterwards.
 *
 * @param id      the CloudEvent id, the same each time the relay publishes this event
 * @param key     the Kafka key (the city id), so that one city's events stay in order on one partition
 * @param type    the versioned CloudEvent type
 * @param subject the CloudEvent subject, e.g. {@code cities/seoul}
 * @param data    the JSON body, fixed at the time of the change
 * @param traceparent the W3C trace context of the request that made the change ({@link CurrentTrace}),
 *                or null
 */
public record PendingEvent(String id, String key, String type, String subject, Instant time,
                           String data, String traceparent) {

    public Document toDocument() {
        Document document = new Document("id", id).append("key", key).append("type", type)
                .append("subject", subject).append("time", Date.from(time)).append("data", data);
        if (traceparent != null) {
            document.append("traceparent", traceparent);
        }
        return document;
    }

    static PendingEvent fromDocument(Document document) {
        return new PendingEvent(document.getString("id"), document.getString("key"),
                document.getString("type"), document.getString("subject"), document.getDate("time").toInstant(),
                document.getString("data"), document.getString("traceparent"));
    }
}
