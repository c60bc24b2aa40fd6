package org.citypromise.kit.messaging;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * The one codec of this system's CloudEvents on Kafka (CloudEvents 1.0, Kafka protocol binding, binary mode):
 * the attributes as {@code ce_} headers, the JSON data as the record's value. Records are written by the
 * CloudEvents SDK's Kafka binding. Reading takes single attributes leniently instead of the SDK's whole-event
 * reader: a consumer decides by the type alone, and the SDK would refuse a record for an attribute it never uses
 * (a malformed time, say), turning a readable event into a dead letter.
 */
public final class CloudEventHeaders {

    public static final String PREFIX = "ce_";
    public static final String JSON = "application/json";

    private CloudEventHeaders() {
    }

    /** An event of this system: JSON data, the time of the change it announces. */
    public static CloudEvent event(String id, String source, String type, String subject, Instant time, byte[] json) {
        return CloudEventBuilder.v1().withId(id).withSource(URI.create(source)).withType(type).withSubject(subject)
                .withTime(time.atOffset(ZoneOffset.UTC)).withDataContentType(JSON).withData(json).build();
    }

    /** The record of {@code event} on {@code topic}: its headers as the SDK writes them, its data as the value. */
    public static <K> ProducerRecord<K, byte[]> record(String topic, K key, CloudEvent event) {
        return KafkaMessageFactory.<K>createWriter(topic, key).writeBinary(event);
    }

    /** The headers of {@code event} alone, for a producer that builds its messages itself (Spring's StreamBridge). */
    public static Headers headers(CloudEvent event) {
        return record("-", null, event).headers();
    }

    /** The attribute {@code name} (e.g. {@code type}) of a received record, or null when it has none. */
    public static String attribute(Headers headers, String name) {
        Header header = headers.lastHeader(PREFIX + name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * The attribute {@code name} of a message received through Spring Cloud Stream: the binder maps the record's
     * headers into the message's, raw bytes unless the producer's header mapper declared them as text; Spring
     * Cloud Function's CloudEvents support renames {@code ce_} to {@code ce-} on the way in.
     */
    public static String attribute(Map<String, Object> messageHeaders, String name) {
        Object value = messageHeaders.get(PREFIX + name);
        if (value == null) {
            value = messageHeaders.get("ce-" + name);
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value == null ? null : value.toString();
    }
}
