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
                // a tail must not create the topic (with the broker's defaults) before its owner declares it
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        followPartitions();
    }

    /** Reads every partition of the topic from its beginning, including partitions added since. */
    private void followPartitions() {
        List<TopicPartition> partitions = new ArrayList<>();
        consumer.partitionsFor(topic, Duration.ofSeconds(10))
                .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        if (partitions.size() == consumer.assignment().size()) {
            return;
        }
        List<TopicPartition> added = partitions.stream().filter(p -> !consumer.assignment().contains(p)).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(added);
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
        followPartitions();
        if (consumer.assignment().isEmpty()) {
            sleep(timeout); // the topic does not exist yet
            return 0;
        }
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

    private static void sleep(Duration timeout) {
        try {
            Thread.sleep(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
