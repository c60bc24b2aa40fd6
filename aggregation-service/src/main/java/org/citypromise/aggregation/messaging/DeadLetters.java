package org.citypromise.aggregation.messaging;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.citypromise.aggregation.domain.DeadLetter;
import org.citypromise.aggregation.domain.Outcome;
import org.citypromise.aggregation.domain.Position;
import org.citypromise.aggregation.domain.ViewEvent;
import org.citypromise.aggregation.store.ContributionStore;
import org.citypromise.kit.messaging.CloudEventHeaders;
import org.citypromise.aggregation.store.ViewGenerations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The dead-letter topic ({@value AggregationTopics#DEAD_LETTERS}): records the views could not take,
 * kept as they came (key, headers, body) with why and where from in {@code dlt_*} headers, readable
 * with kcat. Sending waits for the broker: a poll is not committed before its dead letters are safe.
 *
 * <p>Re-driving reads the topic again from the start and takes into the views whatever can be read
 * now (after a fix); positions on the dead-letter partition make a second re-drive change nothing. The
 * views' consumers also read the dead letters, so a rebuild takes those that can be read by then.
 *
 * <p>Why not Spring Kafka's {@code DeadLetterPublishingRecoverer}: it recovers a record an error handler
 * gave up on, after an exception, and writes {@code kafka_dlt-*} headers; here a poll's poison records
 * are set aside while the rest of the poll is counted in the same bulk write, and the letters carry the
 * {@code dlt_*} headers (with the generation) that the operators' API and re-drive read.
 */
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    public static final String REASON = "dlt_reason";
    public static final String DETAIL = "dlt_detail";
    public static final String ORIGIN_TOPIC = "dlt_origin_topic";
    public static final String ORIGIN_PARTITION = "dlt_origin_partition";
    public static final String ORIGIN_OFFSET = "dlt_origin_offset";
    public static final String FAILED_AT = "dlt_failed_at";
    public static final String GENERATION = "dlt_generation";

    /** A record and why it is poison. */
    public record Letter(ConsumerRecord<String, byte[]> record, EventReader.Poison why) {
    }

    private static final int BODY_SHOWN = 2_000;

    private final KafkaTemplate<String, byte[]> kafka;
    private final ConsumerFactory<String, byte[]> consumers;
    private final EventReader reader;
    private final ViewGenerations generations;
    private final Clock clock;
    private final MeterRegistry meters;

    public DeadLetters(KafkaTemplate<String, byte[]> kafka, ConsumerFactory<String, byte[]> consumers,
                       EventReader reader, ViewGenerations generations, Clock clock, MeterRegistry meters) {
        this.kafka = kafka;
        this.consumers = consumers;
        this.reader = reader;
        this.generations = generations;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * Sends poison records to the dead-letter topic and waits until the broker has them all. While the
     * views are rebuilt, both generations read the same records: a poison record is then sent twice,
     * with the same origin and each generation's number.
     */
    public void send(List<Letter> letters, int generation) {
        List<CompletableFuture<?>> sent = new ArrayList<>();
        String now = clock.instant().toString();
        for (Letter letter : letters) {
            ConsumerRecord<String, byte[]> record = letter.record();
            RecordHeaders headers = new RecordHeaders();
            for (Header header : record.headers()) {
                headers.add(header);
            }
            text(headers, REASON, letter.why().reason());
            text(headers, DETAIL, letter.why().detail() == null ? "" : letter.why().detail());
            text(headers, ORIGIN_TOPIC, record.topic());
            text(headers, ORIGIN_PARTITION, Integer.toString(record.partition()));
            text(headers, ORIGIN_OFFSET, Long.toString(record.offset()));
            text(headers, FAILED_AT, now);
            text(headers, GENERATION, Integer.toString(generation));
            sent.add(kafka.send(new ProducerRecord<>(AggregationTopics.DEAD_LETTERS, 0, record.key(), record.value(), headers)));
            Counter.builder("citypromise.aggregation.dead.letters")
                    .description("Records sent to the dead-letter topic, by origin topic and reason")
                    .tag("topic", record.topic()).tag("reason", letter.why().reason())
                    .register(meters).increment();
            log.warn("Dead-lettered {}: {}: {}", ContributionEvents.describe(record), letter.why().reason(),
                    letter.why().detail());
        }
        try {
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the dead-letter topic did not take " + letters.size()
                    + " records; the poll will come again", e);
        }
    }

    private static void text(RecordHeaders headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** How many dead letters there are: the topic's end offset (its one partition never loses records). */
    public long count() {
        try (Consumer<String, byte[]> consumer = consumer()) {
            TopicPartition partition = new TopicPartition(AggregationTopics.DEAD_LETTERS, 0);
            return consumer.endOffsets(List.of(partition)).getOrDefault(partition, 0L);
        }
    }

    /** Up to {@code limit} dead letters from {@code from}, oldest first. */
    public List<DeadLetter> list(long from, int limit) {
        List<DeadLetter> entries = new ArrayList<>();
        read(from, limit, record -> entries.add(entry(record)));
        return entries;
    }

    /**
     * Takes every dead letter that can be read now into the views of the generation that dead-lettered it
     * (the serving one, or the one being rebuilt: its consumer may have read the record before the fix);
     * the others stay where they are. A generation never takes another's letters: it reads their origins
     * itself, and taking the same pledge from two topics at once could count it twice (see
     * {@link #isOf}).
     */
    public DeadLetter.Redrive redrive() {
        ViewGenerations.State state = generations.state();
        List<ViewEvent> serving = new ArrayList<>();
        List<ViewEvent> building = new ArrayList<>();
        List<DeadLetter> still = new ArrayList<>();
        int[] read = {0};
        read(0, Integer.MAX_VALUE, record -> {
            read[0]++;
            var position = new Position(record.topic(), record.partition(), record.offset());
            EventReader.Read again = reader.read(record, position);
            if (again instanceof EventReader.Readable readable) {
                if (isOf(record, state.serving())) {
                    serving.add(readable.event());
                }
                if (state.building() != null && isOf(record, state.building())) {
                    building.add(readable.event());
                }
            } else {
                EventReader.Poison why = (EventReader.Poison) again;
                still.add(entry(record).because(why.reason(), why.detail()));
            }
        });
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        if (state.building() != null) {
            apply(generations.store(state.building()), building);
        }
        apply(generations.store(state.serving()), serving).forEach(outcome -> outcomes.merge(outcome, 1, Integer::sum));
        log.info("Re-drove {} dead letters: {}; {} still unreadable", read[0], outcomes, still.size());
        return new DeadLetter.Redrive(read[0], outcomes, still);
    }

    private List<Outcome> apply(ContributionStore store, List<ViewEvent> events) {
        List<Outcome> outcomes = new ArrayList<>();
        for (int from = 0; from < events.size(); from += 1_000) {
            outcomes.addAll(store.apply(events.subList(from, Math.min(events.size(), from + 1_000)), clock.instant()));
        }
        return outcomes;
    }

    /** Reads the one partition from {@code from} up to its end as of now, or {@code limit} records. */
    private void read(long from, int limit, java.util.function.Consumer<ConsumerRecord<String, byte[]>> each) {
        TopicPartition partition = new TopicPartition(AggregationTopics.DEAD_LETTERS, 0);
        try (Consumer<String, byte[]> consumer = consumer()) {
            long end = consumer.endOffsets(List.of(partition)).getOrDefault(partition, 0L);
            if (from >= end) {
                return;
            }
            consumer.assign(List.of(partition));
            consumer.seek(partition, from);
            int taken = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (taken < limit && consumer.position(partition) < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the dead-letter topic could not be read to its end in 30 s");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() < end && taken < limit) {
                        each.accept(record);
                        taken++;
                    }
                }
            }
        }
    }

    private Consumer<String, byte[]> consumer() {
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // reads by assignment and commits nothing: no group
        return consumers.createConsumer(null, "aggregation-dlt-reader", null, overrides);
    }

    private static DeadLetter entry(ConsumerRecord<String, byte[]> record) {
        String body = record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
        if (body != null && body.length() > BODY_SHOWN) {
            body = body.substring(0, BODY_SHOWN) + "…";
        }
        return new DeadLetter(record.offset(), header(record, REASON), header(record, DETAIL), header(record, ORIGIN_TOPIC),
                number(header(record, ORIGIN_PARTITION)) == null ? null : number(header(record, ORIGIN_PARTITION)).intValue(),
                number(header(record, ORIGIN_OFFSET)), CloudEventHeaders.attribute(record.headers(), "type"),
                CloudEventHeaders.attribute(record.headers(), "id"), record.key(), header(record, FAILED_AT), body);
    }

    /**
     * Whether a generation dead-lettered this letter itself (letters written before generations were noted
     * count for every one). A generation takes only its own letters: another's have origins it reads
     * itself, and the same pledge arriving from its origin topic and from the dead letters, in two
     * consumers at once, could slip between one writer's view and its pledge states and be counted twice.
     */
    public static boolean isOf(ConsumerRecord<?, ?> letter, int generation) {
        String of = header(letter, GENERATION);
        return of == null || of.equals(Integer.toString(generation));
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Long number(String text) {
        try {
            return text == null ? null : Long.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
