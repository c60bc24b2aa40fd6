package org.citypromise.kit.outbox;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The relay on a MongoDB-protocol store: the message it makes of an outbox entry, and that an entry leaves its
 * outbox only after the broker took it. StreamBridge stands in for the binder (an edge of Spring Cloud Stream's):
 * it records what it was given and what the outbox held at that moment.
 */
class OutboxRelayTest {

    private static final Instant CHANGED_AT = Instant.parse("2026-12-03T09:15:30.250Z");

    private MongoServer server;
    private MongoClient client;
    private MongoCollection<Document> pledges;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final StreamBridge bridge = mock(StreamBridge.class);
    private final List<Message<byte[]>> sent = new ArrayList<>();
    private final List<List<String>> outboxWhenSent = new ArrayList<>();
    private final AtomicBoolean brokerTakes = new AtomicBoolean(true);
    private OutboxRelay relay;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://" + hostAndPort(server));
        pledges = client.getDatabase("pledge").getCollection("pledges");
        when(bridge.send(eq("pledgeEvents-out-0"), any(Message.class))).thenAnswer(call -> {
            sent.add(call.getArgument(1));
            outboxWhenSent.add(outboxIds());
            return brokerTakes.get();
        });
        relay = new OutboxRelay(List.of(pledges), bridge, "pledgeEvents-out-0", "/citypromise/pledge-service",
                "pledge-events", meters, ObservationRegistry.NOOP);
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void anEntryBecomesACloudEventInBinaryModeKeyedByItsCity() {
        pledges.insertOne(new Document("_id", "p-1").append(OutboxRelay.OUTBOX_FIELD, List.of(
                event("e-1", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").toDocument())));

        relay.sweep();

        assertThat(sent).hasSize(1);
        Message<byte[]> message = sent.get(0);
        assertThat(new String(message.getPayload(), StandardCharsets.UTF_8)).isEqualTo("{\"pledgeId\":\"p-1\",\"version\":1}");
        assertThat(text(message.getHeaders(), KafkaHeaders.KEY)).isEqualTo("hanoi");
        assertThat(text(message.getHeaders(), "ce_specversion")).isEqualTo("1.0");
        assertThat(text(message.getHeaders(), "ce_id")).isEqualTo("e-1");
        assertThat(text(message.getHeaders(), "ce_source")).isEqualTo("/citypromise/pledge-service");
        assertThat(text(message.getHeaders(), "ce_type")).isEqualTo("org.citypromise.pledge.pledge-submitted.v1");
        assertThat(text(message.getHeaders(), "ce_subject")).isEqualTo("pledges/p-1");
        assertThat(Instant.parse(text(message.getHeaders(), "ce_time"))).isEqualTo(CHANGED_AT);
        assertThat(text(message.getHeaders(), "content-type")).isEqualTo("application/json");
        assertThat(text(message.getHeaders(), "traceparent"))
                .isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    }

    @Test
    void eachEntryLeavesItsOutboxOnlyAfterTheBrokerTookItInOrder() {
        pledges.insertOne(new Document("_id", "p-1").append(OutboxRelay.OUTBOX_FIELD,
                List.of(event("e-1", null).toDocument(), event("e-2", null).toDocument())));

        relay.sweep();

        assertThat(sent).extracting(m -> text(m.getHeaders(), "ce_id")).containsExactly("e-1", "e-2");
        assertThat(outboxWhenSent).containsExactly(List.of("e-1", "e-2"), List.of("e-2"));
        assertThat(outboxIds()).isEmpty();
        assertThat(sent.get(0).getHeaders()).doesNotContainKey("traceparent");
        assertThat(counter("published")).isEqualTo(2);
    }

    @Test
    void anEntryTheBrokerRefusedStaysAndGoesOutAgainWithTheSameIdOnTheNextSweep() {
        pledges.insertOne(new Document("_id", "p-1").append(OutboxRelay.OUTBOX_FIELD,
                List.of(event("e-1", null).toDocument(), event("e-2", null).toDocument())));

        brokerTakes.set(false);
        relay.sweep();
        assertThat(outboxIds()).containsExactly("e-1", "e-2"); // nothing removed, and e-2 not tried past e-1
        assertThat(sent).hasSize(1);
        assertThat(counter("failed")).isEqualTo(1);

        brokerTakes.set(true);
        relay.sweep();
        assertThat(sent).extracting(m -> text(m.getHeaders(), "ce_id")).containsExactly("e-1", "e-1", "e-2");
        assertThat(outboxIds()).isEmpty();
        assertThat(counter("published")).isEqualTo(2);
    }

    private static PendingEvent event(String id, String traceparent) {
        return new PendingEvent(id, "hanoi", "org.citypromise.pledge.pledge-submitted.v1", "pledges/p-1", CHANGED_AT,
                "{\"pledgeId\":\"p-1\",\"version\":1}", traceparent);
    }

    private List<String> outboxIds() {
        Document owner = pledges.find(new Document("_id", "p-1")).first();
        return owner == null ? List.of() : owner.getList(OutboxRelay.OUTBOX_FIELD, Document.class, List.of()).stream()
                .map(entry -> entry.getString("id")).toList();
    }

    private double counter(String outcome) {
        return meters.get("citypromise.outbox.events").tag("topic", "pledge-events").tag("outcome", outcome)
                .counter().count();
    }

    private static String text(Map<String, Object> headers, String name) {
        Object value = headers.get(name);
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : (String) value;
    }

    private static String hostAndPort(MongoServer server) {
        var address = server.bind();
        return address.getHostString() + ":" + address.getPort();
    }
}
