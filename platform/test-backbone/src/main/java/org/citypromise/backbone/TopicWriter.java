package org.citypromise.backbone;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes records to the shared broker as another service (or a hostile client) would: CloudEvent
 * attributes as raw UTF-8 headers, any bytes as the value. Each write waits for the broker's ack.
 */
public final class TopicWriter implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;

    public TopicWriter(String bootstrapServers) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    public static TopicWriter toBackbone() {
        return new TopicWriter(Backbone.get().kafkaBootstrapServers());
    }

    /** Writes one record and returns where it landed. */
    public RecordMetadata write(String topic, String key, Map<String, String> headers, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
        try {
            return producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("broker did not take the record", e);
        }
    }

    public RecordMetadata write(String topic, String key, Map<String, String> headers, String value) {
        return write(topic, key, headers, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes a producer's example message as it is. */
    public RecordMetadata write(String topic, EventContract.Example example) {
        return write(topic, example.key(), example.headers(), example.data());
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
