package org.citypromise.kit.outbox;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.ReceiverContext;
import org.bson.Document;
import org.citypromise.kit.messaging.CloudEventHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.scheduling.annotation.Scheduled;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes the events that changes left in their documents' outboxes, then removes each one that
 * the broker acknowledged. A change and its event are written in one atomic document write, so an
 * acknowledged change is never without its event; a crash between the broker's ack and the removal
 * publishes that event again, with the same CloudEvent id: consumers take it as a repeat because it carries
 * the same version of its document (they keep the last version they counted), not by its id.
 */
public class OutboxRelay {

    public static final String OUTBOX_FIELD = "outbox";

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int DOCUMENTS_PER_SWEEP = 200;

    private final List<MongoCollection<Document>> collections;
    private final StreamBridge streamBridge;
    private final String binding;
    private final String source;
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private final ObservationRegistry observations;
    private final Counter published;
    private final Counter failed;

    public OutboxRelay(List<MongoCollection<Document>> collections, StreamBridge streamBridge, String binding,
                       String source,
                       String topic, MeterRegistry meters, ObservationRegistry observations) {
        this.observations = observations;
        this.collections = collections;
        this.streamBridge = streamBridge;
        this.binding = binding;
        this.published = outboxCounter(meters, topic, "published");
        this.failed = outboxCounter(meters, topic, "failed");
        this.source = source;
    }

    /** Runs often enough for a subscriber to see a change within a fraction of a second. */
    @Scheduled(fixedDelayString = "${citypromise.outbox.sweep-interval:200ms}")
    public void sweep() {
        if (!sweeping.compareAndSet(false, true)) {
            return;
        }
        try {
            for (MongoCollection<Document> collection : collections) {
                sweep(collection);
            }
        } catch (RuntimeException e) {
            // The events stay in their outboxes and go out on a later sweep.
            log.warn("Outbox sweep stopped, will retry: {}", e.toString());
        } finally {
            sweeping.set(false);
        }
    }

    private void sweep(MongoCollection<Document> collection) {
        for (Document owner : collection.find(Filters.exists(OUTBOX_FIELD + ".id"))
                .projection(Projections.include(OUTBOX_FIELD)).limit(DOCUMENTS_PER_SWEEP)) {
            for (Document pending : owner.getList(OUTBOX_FIELD, Document.class)) {
                PendingEvent event = PendingEvent.fromDocument(pending);
                publish(event);
                collection.updateOne(Filters.eq("_id", owner.get("_id")),
                        Updates.pull(OUTBOX_FIELD, new Document("id", event.id())));
            }
        }
    }

    private void publish(PendingEvent event) {
        boolean sent;
        try {
            sent = event.traceparent() == null ? send(event) : inTraceOf(event).observe(() -> send(event));
        } catch (RuntimeException e) {
            failed.increment();
            throw e;
        }
        if (!sent) {
            failed.increment();
            throw new IllegalStateException("broker did not accept event " + event.id());
        }
        published.increment();
        log.debug("Published {} {} for {}", event.type(), event.id(), event.key());
    }

    private boolean send(PendingEvent event) {
        return streamBridge.send(binding, toMessage(event));
    }

    /**
     * An observation continuing the trace of the request that made the change. StreamBridge's channel
     * injects the current observation's context as the record's traceparent: without this, that would be
     * the relay's own sweep, a trace of its own.
     */
    private Observation inTraceOf(PendingEvent event) {
        ReceiverContext<PendingEvent> context = new ReceiverContext<>(
                (carrier, name) -> "traceparent".equals(name) ? carrier.traceparent() : null);
        context.setCarrier(event);
        return Observation.createNotStarted("citypromise.outbox.publish", () -> context, observations)
                .contextualName("outbox publish " + event.type());
    }

    /** CloudEvents 1.0 Kafka binary mode ({@link CloudEventHeaders}): attributes as headers, the JSON data as the value. */
    Message<byte[]> toMessage(PendingEvent event) {
        byte[] data = event.data().getBytes(StandardCharsets.UTF_8);
        MessageBuilder<byte[]> message = MessageBuilder.withPayload(data)
                .setHeader(KafkaHeaders.KEY, event.key().getBytes(StandardCharsets.UTF_8));
        CloudEventHeaders.headers(CloudEventHeaders.event(event.id(), source, event.type(), event.subject(), event.time(),
                data)).forEach(header -> message.setHeader(header.key(), header.value()));
        if (event.traceparent() != null) {
            // W3C trace context: the consumer's work joins the trace of the request that made the change
            message.setHeader("traceparent", bytes(event.traceparent()));
        }
        return message.build();
    }

    private static Counter outboxCounter(MeterRegistry meters, String topic, String outcome) {
        return Counter.builder("citypromise.outbox.events")
                .description("Events the outbox relay handed to Kafka (published) or could not (failed), by topic")
                .tag("topic", topic).tag("outcome", outcome).register(meters);
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
