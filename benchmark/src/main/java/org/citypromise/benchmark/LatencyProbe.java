package org.citypromise.benchmark;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * (d) End-to-end latency at a steady rate: new pledges sent on a fixed schedule (by nanoTime, not in
 * bursts), each timed from just before {@code send} until its city's view holds its partition's position
 * at or past its offset. A poller asks the store every ~5 ms (or, if its query takes longer, as long
 * again as the query took) for the views of the cities with events outstanding, so a figure includes up
 * to one poll interval and one query. The first seconds warm up and are not measured.
 */
final class LatencyProbe {

    private static final Duration DRAIN = Duration.ofSeconds(60);
    private static final long POLL_INTERVAL_NANOS = 5_000_000;

    /**
     * The latencies measured, in ms, sorted; how many events were sent but never seen in a view; and the
     * mean time of the poller's query, which every figure includes a part of.
     */
    record Result(long[] millis, long unseen, double meanQueryMillis) {

        long percentile(double p) {
            if (millis.length == 0) {
                return -1;
            }
            int index = (int) Math.ceil(p / 100 * millis.length) - 1;
            return millis[Math.max(0, Math.min(millis.length - 1, index))];
        }

        int count() {
            return millis.length;
        }
    }

    private record Sample(String cityId, int partition, long offset, long sentAt, boolean measured) {
    }

    private final PledgeDataSet data;
    private final CityViews views;
    private final Queue<Sample> acknowledged = new ConcurrentLinkedQueue<>();
    private final AtomicLong outstanding = new AtomicLong();
    /** Only the poller writes these; they are read after it has been joined. */
    private final List<Long> measured = new ArrayList<>();
    private volatile boolean polling = true;
    private long queries;
    private long queryNanos;
    private long lastQueryNanos;

    private LatencyProbe(PledgeDataSet data, CityViews views) {
        this.data = data;
        this.views = views;
    }

    static Result run(KafkaProducer<String, byte[]> producer, PledgeDataSet data, CityViews views, int rate,
                      Duration warmUp, Duration measuring) throws InterruptedException {
        return new LatencyProbe(data, views).run(producer, rate, warmUp, measuring);
    }

    private Result run(KafkaProducer<String, byte[]> producer, int rate, Duration warmUp, Duration measuring)
            throws InterruptedException {
        Thread poller = new Thread(this::poll, "latency-poller");
        poller.setDaemon(true);
        poller.start();
        long warmUpEvents = warmUp.toSeconds() * rate;
        long total = warmUpEvents + measuring.toSeconds() * rate;
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            awaitNanoTime(start + i * 1_000_000_000L / rate);
            ProducerRecord<String, byte[]> record = data.newPledge(data.nextCity());
            boolean counts = i >= warmUpEvents;
            outstanding.incrementAndGet();
            long sentAt = System.nanoTime();
            producer.send(record, (metadata, failure) -> {
                if (failure == null) {
                    acknowledged.add(new Sample(record.key(), metadata.partition(), metadata.offset(), sentAt, counts));
                } else {
                    outstanding.decrementAndGet(); // reported as unseen below: it never reached the topic
                }
            });
        }
        producer.flush();
        long deadline = System.nanoTime() + DRAIN.toNanos();
        while (outstanding.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        polling = false;
        poller.join();
        return new Result(measured.stream().mapToLong(Long::longValue).sorted().toArray(),
                total - warmUpEvents - measured.size(), queries == 0 ? 0 : queryNanos / 1e6 / queries);
    }

    /** Parks rather than spins: on two CPUs a spinning producer would take one from the service. */
    private static void awaitNanoTime(long due) {
        for (long wait; (wait = due - System.nanoTime()) > 0; ) {
            LockSupport.parkNanos(wait);
        }
    }

    private void poll() {
        Map<String, List<Sample>> waiting = new HashMap<>();
        while (polling) {
            for (Sample sample; (sample = acknowledged.poll()) != null; ) {
                waiting.computeIfAbsent(sample.cityId(), city -> new ArrayList<>()).add(sample);
            }
            if (!waiting.isEmpty()) {
                long asked = System.nanoTime();
                Map<String, Map<Integer, Long>> positions = views.positions(waiting.keySet());
                long now = System.nanoTime();
                queries++;
                lastQueryNanos = now - asked;
                queryNanos += lastQueryNanos;
                for (Iterator<Map.Entry<String, List<Sample>>> cities = waiting.entrySet().iterator(); cities.hasNext(); ) {
                    Map.Entry<String, List<Sample>> city = cities.next();
                    Map<Integer, Long> held = positions.getOrDefault(city.getKey(), Map.of());
                    city.getValue().removeIf(sample -> {
                        boolean taken = held.getOrDefault(sample.partition(), -1L) >= sample.offset();
                        if (taken) {
                            seen(sample, now);
                        }
                        return taken;
                    });
                    if (city.getValue().isEmpty()) {
                        cities.remove();
                    }
                }
            }
            // At least as long as the last query took: the store is what the service waits for, and a
            // poller querying back to back would take a good part of it.
            LockSupport.parkNanos(Math.max(POLL_INTERVAL_NANOS, lastQueryNanos));
        }
    }

    private void seen(Sample sample, long now) {
        if (sample.measured()) {
            measured.add((now - sample.sentAt()) / 1_000_000);
        }
        outstanding.decrementAndGet();
    }
}
