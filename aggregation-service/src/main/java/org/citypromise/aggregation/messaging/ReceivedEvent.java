package org.citypromise.aggregation.messaging;

import org.citypromise.aggregation.store.ContributionStore;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

import java.nio.charset.StandardCharsets;

/** A CloudEvent as received from Kafka: its attributes, where it sits on the topic, and its body. */
record ReceivedEvent(String id, String type, ContributionStore.Position position, byte[] body) {

    static ReceivedEvent of(Message<byte[]> message) {
        var headers = message.getHeaders();
        return new ReceivedEvent(attribute(message, "id"), attribute(message, "type"),
                new ContributionStore.Position(String.valueOf(headers.get(KafkaHeaders.RECEIVED_TOPIC)),
                        ((Number) headers.get(KafkaHeaders.RECEIVED_PARTITION)).intValue(),
                        ((Number) headers.get(KafkaHeaders.OFFSET)).longValue()),
                message.getPayload());
    }

    /**
     * On Kafka an attribute is header {@code ce_<name>}; Spring Cloud Function's CloudEvents support
     * renames it {@code ce-<name>} on the way in. Raw bytes unless the producer declared it as text.
     */
    private static String attribute(Message<?> message, String name) {
        Object value = message.getHeaders().get("ce_" + name);
        if (value == null) {
            value = message.getHeaders().get("ce-" + name);
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value == null ? null : value.toString();
    }

    @Override
    public String toString() {
        return type + " " + id + " at " + position.topic() + "-" + position.partition() + "@" + position.offset();
    }
}
