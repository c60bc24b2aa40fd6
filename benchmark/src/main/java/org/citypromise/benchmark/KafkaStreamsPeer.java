package org.citypromise.benchmark;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * (c) The textbook alternative: Kafka Streams {@code groupByKey().aggregate()} into a persistent (RocksDB)
 * key-value store, one entry per city, with the same parse as (a). It does NOT handle versions or redelivered events: it sums
 * every event's standing grams and counts every event, so its totals are not the views' and it does less
 * work per event than the service (no per-pledge state). A throughput comparison, not a correct peer.
 */
final class KafkaStreamsPeer {

    /** Events/s from {@code start()} (rebalance, RocksDB opening) and from the first record, to the last. */
    record Result(double fromStart, double fromFirstRecord) {
    }

    static Result run(String bootstrap, Path stateDir, long events) throws InterruptedException {
        AtomicLong processed = new AtomicLong();
        AtomicLong firstRecord = new AtomicLong();
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(EventRecords.PLEDGE_TOPIC, Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .mapValues(body -> {
                    firstRecord.compareAndSet(0, System.nanoTime());
                    return ParsedPledge.parse(body).standingGrams();
                })
                .groupByKey(Grouped.with("by-city", Serdes.String(), Serdes.Long()))
                .aggregate(() -> CityTotals.NONE, (city, grams, totals) -> {
                    processed.incrementAndGet();
                    return totals.plus(1, grams);
                }, Materialized.<String, CityTotals, KeyValueStore<Bytes, byte[]>>as("city-totals")
                        .withKeySerde(Serdes.String()).withValueSerde(CityTotals.serde()));
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-streams-" + UUID.randomUUID().toString().substring(0, 8));
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        properties.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
        properties.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        try (KafkaStreams streams = new KafkaStreams(builder.build(), properties)) {
            long start = System.nanoTime();
            streams.start();
            long deadline = start + Duration.ofMinutes(15).toNanos();
            while (processed.get() < events) {
                if (System.nanoTime() > deadline || streams.state() == KafkaStreams.State.ERROR) {
                    throw new IllegalStateException("Kafka Streams processed " + processed.get() + " of " + events
                            + " events (state " + streams.state() + ")");
                }
                Thread.sleep(10);
            }
            long end = System.nanoTime();
            streams.close(Duration.ofSeconds(30));
            return new Result(events / ((end - start) / 1e9), events / ((end - firstRecord.get()) / 1e9));
        }
    }

    private KafkaStreamsPeer() {
    }
}
