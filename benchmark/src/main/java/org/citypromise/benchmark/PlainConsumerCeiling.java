package org.citypromise.benchmark;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * (a) The ceiling: one plain consumer reading every pledge event, parsing it and folding it into per-city
 * totals in memory, each pledge at its latest version: the service's answer without its store. Whatever
 * the service does beyond this (state that survives a restart, views in MongoDB) is what it costs.
 */
final class PlainConsumerCeiling {

    /** What one run found: events/s from the first record to the last, and the totals per city. */
    record Result(double eventsPerSecond, Map<String, CityTotals> totals) {
    }

    /** A pledge's latest version seen, and the grams it adds to its city at that version. */
    private record Held(long version, long standingGrams) {
    }

    static Result run(String bootstrap, long events) {
        Map<String, Held> pledges = new HashMap<>();
        Map<String, CityTotals> totals = new HashMap<>();
        long read = 0;
        long first = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties(bootstrap))) {
            consumer.subscribe(List.of(EventRecords.PLEDGE_TOPIC));
            while (read < events) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (first == 0) {
                        first = System.nanoTime();
                    }
                    ParsedPledge pledge = ParsedPledge.parse(record.value());
                    Held before = pledges.get(pledge.pledgeId());
                    // At least once: a version already held (or an older one) changes nothing.
                    if (before == null || pledge.version() > before.version()) {
                        pledges.put(pledge.pledgeId(), new Held(pledge.version(), pledge.standingGrams()));
                        totals.merge(pledge.cityId(), new CityTotals(before == null ? 1 : 0,
                                pledge.standingGrams() - (before == null ? 0 : before.standingGrams())), CityTotals::plus);
                    }
                    read++;
                }
            }
        }
        return new Result(read / ((System.nanoTime() - first) / 1e9), totals);
    }

    private static Map<String, Object> properties(String bootstrap) {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-plain-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    }

    private PlainConsumerCeiling() {
    }
}
