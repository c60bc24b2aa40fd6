package org.citypromise.aggregation.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.citypromise.aggregation.domain.Outcome;
import org.citypromise.aggregation.domain.Position;
import org.citypromise.aggregation.domain.ViewEvent;
import org.citypromise.aggregation.store.Checkpoints;
import org.citypromise.aggregation.store.ContributionStore;
import org.citypromise.kit.messaging.CloudEventHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ConsumerSeekAware;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Takes each poll's records, from both topics, into the views in one go: records it cannot read go to
 * the dead-letter topic, the others are counted by the store in one batch (see {@link ContributionStore}).
 * The container commits the poll's offsets only when this returns; when it throws (the store or the
 * dead-letter topic is down), the whole poll comes again after a pause, and the views' positions make
 * the second time change nothing that the first did.
 *
 * <p>It reads the dead letters too: one that can be read now (after a fix) is taken like any other
 * event, one that still cannot stays where it is.
 *
 * <p>Every record is counted in {@code citypromise.aggregation.events} by topic, outcome and generation.
 */
public class ContributionEvents implements BatchMessageListener<String, byte[]>, ConsumerSeekAware {

    private static final Logger log = LoggerFactory.getLogger(ContributionEvents.class);

    private final EventReader reader;
    private final ContributionStore store;
    private final Checkpoints checkpoints;
    private final DeadLetters deadLetters;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Timer batches;
    private final Map<String, Counter> counters = new java.util.concurrent.ConcurrentHashMap<>();
    private final Timer viewLatency;
    private final EventTraces traces;

    private final int generation;

    /** @param generation the generation of the views {@code store} holds, a tag on the metrics */
    public ContributionEvents(EventReader reader, ContributionStore store, Checkpoints checkpoints,
                              DeadLetters deadLetters, Clock clock,
                              MeterRegistry meters, EventTraces traces, int generation) {
        this.traces = traces;
        this.generation = generation;
        this.reader = reader;
        this.store = store;
        this.checkpoints = checkpoints;
        this.deadLetters = deadLetters;
        this.clock = clock;
        this.meters = meters;
        this.batches = Timer.builder("citypromise.aggregation.batches")
                .description("Polls taken into the views: how many and how long each took, dead letters included")
                .tag("generation", Integer.toString(generation))
                .register(meters);
        this.viewLatency = Timer.builder("citypromise.aggregation.view.latency")
                .description("From an event's time (its CloudEvent time: when the change was made) to its view "
                        + "showing it")
                .tag("generation", Integer.toString(generation))
                .publishPercentileHistogram()
                .minimumExpectedValue(java.time.Duration.ofMillis(5))
                .maximumExpectedValue(java.time.Duration.ofMinutes(10))
                .register(meters);
    }

    /** Per partition, the checkpoint this instance last wrote or read: the store must hold at least that. */
    private final Map<String, Long> checkpointed = new java.util.concurrent.ConcurrentHashMap<>();
    /** The seek callback of the consumer thread running the listener (one per thread, the listener is shared). */
    private final ThreadLocal<ConsumerSeekCallback> seeks = new ThreadLocal<>();

    @Override
    public void registerSeekCallback(ConsumerSeekCallback callback) {
        seeks.set(callback);
    }

    @Override
    public void onMessage(List<ConsumerRecord<String, byte[]>> all) {
        long started = System.nanoTime();
        List<ConsumerRecord<String, byte[]>> records = withoutWhatTheStoreLost(all);
        List<ViewEvent> events = new ArrayList<>(records.size());
        List<ConsumerRecord<String, byte[]>> taken = new ArrayList<>(records.size());
        List<DeadLetters.Letter> poison = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (AggregationTopics.DEAD_LETTERS.equals(record.topic()) && !DeadLetters.isOf(record, generation)) {
                // another generation's letter: this one reads (or read) its origin itself
                count(record.topic(), "other-generation");
                continue;
            }
            var position = new Position(record.topic(), record.partition(), record.offset());
            EventReader.Read read = reader.read(record, position);
            if (read instanceof EventReader.Readable readable) {
                events.add(readable.event());
                taken.add(record);
            } else if (AggregationTopics.DEAD_LETTERS.equals(record.topic())) {
                // a dead letter that still cannot be read stays where it is
                count(record.topic(), "still-poison");
            } else {
                poison.add(new DeadLetters.Letter(record, (EventReader.Poison) read));
            }
        }
        if (!poison.isEmpty()) {
            deadLetters.send(poison, generation);
            poison.forEach(letter -> count(letter.record().topic(), "dead-lettered"));
        }
        List<Outcome> outcomes = store.apply(events, clock.instant());
        Map<String, Long> next = new HashMap<>();
        records.forEach(record -> next.merge(record.topic() + "-" + record.partition(), record.offset() + 1, Math::max));
        checkpoints.advance(next);
        checkpointed.putAll(next);
        Instant applied = clock.instant();
        Map<String, Integer> tally = new HashMap<>();
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome outcome = outcomes.get(i);
            String name = outcome.name().toLowerCase(Locale.ROOT).replace('_', '-');
            tally.merge(taken.get(i).topic() + "|" + name, 1, Integer::sum);
            traces.taken(taken.get(i), events.get(i).cityId(), name);
            if (outcome == Outcome.APPLIED) {
                Duration latency = Duration.between(eventTime(taken.get(i)), applied);
                viewLatency.record(latency.isNegative() ? Duration.ZERO : latency); // a producer's clock ahead
            } else if (outcome == Outcome.REFUSED) {
                log.warn("Refused {}: the pledge is counted in another city; rebuild the views to move it",
                        describe(taken.get(i)));
            }
        }
        tally.forEach((key, n) -> {
            int bar = key.indexOf('|');
            counter(key.substring(0, bar), key.substring(bar + 1)).increment(n);
        });
        batches.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        if (log.isDebugEnabled()) {
            log.debug("Took {} records ({} dead-lettered) in {} ms: {}", records.size(), poison.size(),
                    (System.nanoTime() - started) / 1_000_000, tally);
        }
    }

    /**
     * The records of partitions whose checkpoint the store no longer holds: it has lost its last writes (a
     * development store killed, a failover losing unreplicated writes) while this instance ran. Those
     * partitions are read again from the store's checkpoint; their records in this poll wait for that.
     */
    private List<ConsumerRecord<String, byte[]>> withoutWhatTheStoreLost(List<ConsumerRecord<String, byte[]>> records) {
        List<String> partitions = records.stream().map(r -> r.topic() + "-" + r.partition()).distinct().toList();
        Map<String, Long> held = checkpoints.find(partitions);
        java.util.Set<String> lost = new java.util.HashSet<>();
        for (String partition : partitions) {
            Long expected = checkpointed.get(partition);
            Long holds = held.get(partition);
            if (expected != null && (holds == null || holds < expected)) {
                lost.add(partition);
            }
        }
        if (lost.isEmpty()) {
            return records;
        }
        List<ConsumerRecord<String, byte[]>> kept = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            String partition = record.topic() + "-" + record.partition();
            if (!lost.contains(partition)) {
                kept.add(record);
            } else if (lost.remove(partition)) {
                long from = held.getOrDefault(partition, 0L);
                log.warn("The store has lost what it had taken of {} up to offset {}: reading it again from {}",
                        partition, checkpointed.get(partition), from);
                seeks.get().seek(record.topic(), record.partition(), from);
                checkpointed.put(partition, from);
            }
        }
        return kept;
    }

    /** Resumes each partition from the store's checkpoint, where it has one (see {@link Checkpoints}). */
    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        List<String> names = assignments.keySet().stream().map(TopicPartition::toString).toList();
        Map<String, Long> resumeAt = checkpoints.find(names);
        assignments.forEach((partition, committed) -> {
            Long checkpoint = resumeAt.get(partition.toString());
            if (checkpoint == null) {
                checkpointed.remove(partition.toString());
            } else {
                checkpointed.put(partition.toString(), checkpoint);
            }
            if (checkpoint != null && checkpoint != (long) committed) {
                log.info("Resuming {} from the store's checkpoint {} (Kafka's committed offset: {})", partition,
                        checkpoint, committed);
                callback.seek(partition.topic(), partition.partition(), checkpoint);
            }
        });
    }

    private void count(String topic, String outcome) {
        counter(topic, outcome).increment();
    }

    private Counter counter(String topic, String outcome) {
        return counters.computeIfAbsent(topic + "|" + outcome, key -> Counter.builder("citypromise.aggregation.events")
                .description("Consumed records by topic and what became of them")
                .tag("topic", topic)
                .tag("outcome", outcome)
                .tag("generation", Integer.toString(generation))
                .register(meters));
    }

    /** When the change was made (its CloudEvent time); the record's timestamp if it has none readable. */
    private static Instant eventTime(ConsumerRecord<String, byte[]> record) {
        String time = CloudEventHeaders.attribute(record.headers(), "time");
        if (time != null) {
            try {
                return Instant.parse(time);
            } catch (DateTimeParseException unreadable) {
                // the record's own timestamp will do
            }
        }
        return Instant.ofEpochMilli(record.timestamp());
    }

    /** A record as a log line names it: type, id and where it sits. */
    static String describe(ConsumerRecord<?, ?> record) {
        return CloudEventHeaders.attribute(record.headers(), "type") + " " + CloudEventHeaders.attribute(record.headers(), "id") + " at "
                + record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
