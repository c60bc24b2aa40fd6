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
                        number(headers.get(KafkaHeaders.RECEIVED_PARTITION)).intValue(),
                        number(headers.get(KafkaHeaders.OFFSET)).longValue()),
                message.getPayload());
    }

    /**
     * On Kafka an attribute is header {@code ce_<name>}: raw UTF-8 bytes from a plain Kafka producer,
     * a String where a Spring producer or a header mapper declared it as text. Spring Cloud Function's
     * CloudEvents support may also rename it {@code ce-<name>} on the way in.
     */
    static String attribute(Message<?> message, String name) {
        Object value = message.getHeaders().get("ce_" + name);
        if (value == null) {
            value = message.getHeaders().get("ce-" + name);
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value == null ? null : value.toString();
    }

    private static Number number(Object header) {
        if (header instanceof Number number) {
            return number;
        }
        throw new IllegalStateException("not a record from a Kafka binding: no partition or offset");
    }

    @Override
    public String toString() {
        return type + " " + id + " at " + position.topic() + "-" + position.partition() + "@" + position.offset();
    }
}
