package org.citypromise.benchmark;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The benchmark's data: cities registered on inventory-events and pledge events on pledge-events in
 * pledge-service's wire format (CloudEvents binary mode), a few cities large and most small, a tenth of
 * the events newer versions of pledges sent before, a quarter with a participant. It keeps, per city,
 * what the views must end with, in grams, without holding the events.
 */
final class PledgeDataSet {

    private static final String[] TYPES = {"HOUSEHOLD", "INDIVIDUAL", "BUSINESS", "SCHOOL", "COMMUNITY_GROUP",
            "PUBLIC_INSTITUTION"};
    private static final String[] GPC_REFS = {"I.1.1", "I.2.1", "II.1.1", "III.1.1", "V.1"};
    private static final String[] STATUSES = {"ACTIVE", "FULFILLED", "WITHDRAWN"};

    private final int cities;
    private final Random random = new Random(2026);
    /** Per pledge (by number): its city, version, grams and whether it stands. */
    private int[] cityOf = new int[1 << 16];
    private int[] versionOf = new int[1 << 16];
    private long[] gramsOf = new long[1 << 16];
    private boolean[] standsOf = new boolean[1 << 16];
    private int pledges;
    private final long[] expectedCount;
    private final long[] expectedGrams;

    PledgeDataSet(int cities) {
        this.cities = cities;
        this.expectedCount = new long[cities];
        this.expectedGrams = new long[cities];
    }

    static String cityId(int city) {
        return "city-%04d".formatted(city);
    }

    int cities() {
        return cities;
    }

    int pledges() {
        return pledges;
    }

    long expectedCount(int city) {
        return expectedCount[city];
    }

    long expectedGrams(int city) {
        return expectedGrams[city];
    }

    long expectedPledges() {
        long sum = 0;
        for (long count : expectedCount) {
            sum += count;
        }
        return sum;
    }

    static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    /** Registers every city (inventory-events). */
    void registerCities(KafkaProducer<String, byte[]> producer) {
        String[] countries = {"KR", "ID", "PH", "VN", "JP", "TH", "MY", "IN"};
        for (int city = 0; city < cities; city++) {
            String body = ("{\"cityId\":\"%s\",\"name\":\"City %d\",\"countryCode\":\"%s\",\"population\":%d,"
                    + "\"version\":1,\"changedAt\":\"2026-11-24T10:00:00Z\"}")
                    .formatted(cityId(city), city, countries[city % countries.length], 100_000 + city * 1_000);
            producer.send(record("inventory-events", cityId(city), "org.citypromise.inventory.city-registered.v1",
                    "/citypromise/inventory-service", "cities/" + cityId(city), body));
        }
        producer.flush();
    }

    /** Sends {@code count} pledge events as fast as the producer takes them. */
    void sendPledges(KafkaProducer<String, byte[]> producer, int count) {
        AtomicReference<Exception> failed = new AtomicReference<>();
        for (int i = 0; i < count; i++) {
            producer.send(nextPledgeEvent(), (metadata, e) -> {
                if (e != null) {
                    failed.set(e);
                }
            });
        }
        producer.flush();
        if (failed.get() != null) {
            throw new IllegalStateException("the broker refused pledge events", failed.get());
        }
    }

    /** The next event: nine in ten a new pledge, one in ten a newer version of an earlier one. */
    ProducerRecord<String, byte[]> nextPledgeEvent() {
        if (pledges > 1_000 && random.nextInt(10) == 0) {
            return update(random.nextInt(pledges));
        }
        return newPledge(city());
    }

    /** A new pledge in the given city, counted in the expected totals. */
    ProducerRecord<String, byte[]> newPledge(int city) {
        int pledge = pledges++;
        grow();
        long grams = 1 + random.nextInt(5_000_000);
        cityOf[pledge] = city;
        versionOf[pledge] = 1;
        gramsOf[pledge] = grams;
        standsOf[pledge] = true;
        expectedCount[city]++;
        expectedGrams[city] += grams;
        return pledgeRecord(pledge, "ACTIVE", random.nextInt(4) == 0 ? "p" + random.nextInt(200_000) : null);
    }

    private ProducerRecord<String, byte[]> update(int pledge) {
        int city = cityOf[pledge];
        if (standsOf[pledge]) {
            expectedGrams[city] -= gramsOf[pledge];
        }
        String status = STATUSES[random.nextInt(STATUSES.length)];
        versionOf[pledge]++;
        gramsOf[pledge] = 1 + random.nextInt(5_000_000);
        standsOf[pledge] = !status.equals("WITHDRAWN");
        if (standsOf[pledge]) {
            expectedGrams[city] += gramsOf[pledge];
        }
        return pledgeRecord(pledge, status, null);
    }

    /** Skewed: low city numbers get many more pledges, as big cities do. */
    private int city() {
        double r = random.nextDouble();
        return (int) (cities * r * r);
    }

    private ProducerRecord<String, byte[]> pledgeRecord(int pledge, String status, String participant) {
        String cityId = cityId(cityOf[pledge]);
        String pledgeId = "pledge-" + pledge;
        int version = versionOf[pledge];
        String body = ("{\"pledgeId\":\"%s\",\"cityId\":\"%s\",%s\"stakeholderType\":\"%s\","
                + "\"actionCode\":\"COOKING_LPG_REDUCTION\",\"pledgeArea\":\"ENERGY\",\"gpcRef\":\"%s\",\"scope\":1,"
                + "\"quantity\":120,\"unit\":\"kg/yr\",\"emissionFactor\":{\"code\":\"LPG\",\"value\":2.98463,"
                + "\"unit\":\"kgCO2e/kg\",\"source\":\"IPCC 2006\",\"year\":null,\"origin\":\"DEFAULT\"},"
                + "\"estimatedTco2ePerYear\":%s,\"targetDate\":null,\"achievedTco2ePerYear\":0,\"status\":\"%s\","
                + "\"version\":%d,\"pledgedAt\":\"2026-11-24T10:00:00Z\",\"changedAt\":\"2026-11-24T11:00:00Z\"}")
                .formatted(pledgeId, cityId, participant == null ? "" : "\"participantId\":\"" + participant + "\",",
                        TYPES[pledge % TYPES.length], GPC_REFS[pledge % GPC_REFS.length],
                        java.math.BigDecimal.valueOf(gramsOf[pledge], 6).toPlainString(), status, version);
        return record("pledge-events", cityId, version == 1 ? "org.citypromise.pledge.pledge-submitted.v1"
                : "org.citypromise.pledge.pledge-updated.v1", "/citypromise/pledge-service", "pledges/" + pledgeId, body);
    }

    private static ProducerRecord<String, byte[]> record(String topic, String key, String type, String source,
                                                         String subject, String body) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, body.getBytes(StandardCharsets.UTF_8));
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", java.util.UUID.randomUUID().toString());
        header(record, "ce_source", source);
        header(record, "ce_type", type);
        header(record, "ce_subject", subject);
        header(record, "ce_time", "2026-11-24T11:00:00Z");
        header(record, "content-type", "application/json");
        return record;
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private void grow() {
        if (pledges > cityOf.length) {
            int size = cityOf.length * 2;
            cityOf = java.util.Arrays.copyOf(cityOf, size);
            versionOf = java.util.Arrays.copyOf(versionOf, size);
            gramsOf = java.util.Arrays.copyOf(gramsOf, size);
            standsOf = java.util.Arrays.copyOf(standsOf, size);
        }
    }

    static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }
}
