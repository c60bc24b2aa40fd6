package org.citypromise.backbone;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads a topic from its beginning, as an independent subscriber would, so that a test can assert
 * what really reached the broker: keys, CloudEvent headers and bodies.
 */
public final class TopicTail implements AutoCloseable {

    /** One record as a subscriber sees it, headers decoded as UTF-8. */
    public record Event(String topic, int partition, long offset, String key, Map<String, String> headers,
                        String value) {

        public String header(String name) {
            return headers.get(name);
        }
    }

    private final KafkaConsumer<String, String> consumer;
    private final String topic;
    private final List<Event> seen = new ArrayList<>();

    public TopicTail(String bootstrapServers, String topic) {
        this.topic = topic;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        List<TopicPartition> partitions = new ArrayList<>();
        Duration wait = Duration.ofSeconds(30);
        long deadline = System.nanoTime() + wait.toNanos();
        while (partitions.isEmpty() && System.nanoTime() < deadline) {
            consumer.partitionsFor(topic, wait).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    public static TopicTail of(String topic) {
        return new TopicTail(Backbone.get().kafkaBootstrapServers(), topic);
    }

    /** Every record of the topic so far, reading until nothing new arrives for {@code quiet}. */
    public List<Event> all(Duration quiet) {
        while (poll(quiet) > 0) {
            // keep reading until the topic is quiet
        }
        return List.copyOf(seen);
    }

    /** Records matching {@code wanted}, waiting up to {@code timeout} for at least {@code count} of them. */
    public List<Event> await(Predicate<Event> wanted, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (seen.stream().filter(wanted).count() < count && System.nanoTime() < deadline) {
            poll(Duration.ofMillis(200));
        }
        return seen.stream().filter(wanted).toList();
    }

    /** Records with this key, waiting up to {@code timeout} for at least {@code count}. */
    public List<Event> awaitKey(String key, int count, Duration timeout) {
        return await(event -> key.equals(event.key()), count, timeout);
    }

    private int poll(Duration timeout) {
        int before = seen.size();
        for (ConsumerRecord<String, String> record : consumer.poll(timeout)) {
            Map<String, String> headers = new HashMap<>();
            for (Header header : record.headers()) {
                headers.put(header.key(), header.value() == null ? null
                        : new String(header.value(), StandardCharsets.UTF_8));
            }
            seen.add(new Event(topic, record.partition(), record.offset(), record.key(), headers, record.value()));
        }
        return seen.size() - before;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
