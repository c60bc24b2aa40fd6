package org.citypromise.system;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Pledge events as pledge-service's outbox puts them on {@code pledge-events}, at whatever pace the test
 * asks, with what at-least-once delivery brings: the same event again at a new offset, and an older
 * version of a pledge after a newer one. It keeps, from the events it sends and independently of the
 * aggregation-service, what each city's view must show in the end.
 */
final class PledgeStream implements AutoCloseable {

    private static final String[] TYPES = {"HOUSEHOLD", "INDIVIDUAL", "BUSINESS", "SCHOOL", "COMMUNITY_GROUP",
            "PUBLIC_INSTITUTION"};
    private static final String[] GPC_REFS = {"I.1.1", "I.2.1", "II.1.1", "III.1.1", "V.1"};
    private static final String[] STATUSES = {"ACTIVE", "FULFILLED", "WITHDRAWN", "LAPSED"};

    /** One version of a pledge, as sent. */
    private record Version(String pledgeId, String cityId, long version, String status, BigDecimal estimate,
                           BigDecimal achieved, String type, String gpcRef, String participant, byte[] body,
                           String eventId) {
    }

    /** What a city's view must show once it has taken every event. */
    record Expected(long pledgeCount, BigDecimal pledgedTco2e, BigDecimal achievedTco2e, Map<String, Long> byStatus) {
    }

    private final KafkaProducer<String, byte[]> producer;
    private final Random random;
    private final List<String> cities = new ArrayList<>();
    private final Map<String, Version> latest = new HashMap<>();
    private final List<Version> sent = new ArrayList<>();
    private long events;

    PledgeStream(String bootstrapServers, String runId, int cityCount, long seed) {
        this.random = new Random(seed);
        for (int i = 0; i < cityCount; i++) {
            cities.add("fault-" + runId + "-" + i);
        }
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    List<String> cities() {
        return cities;
    }

    long events() {
        return events;
    }

    /**
     * Sends {@code count} events at about {@code perSecond}: 80 % new pledges, 12 % newer versions of
     * pledges already sent, 5 % an event sent again (a relay's repeat), 3 % an older version again.
     */
    void send(int count, int perSecond) {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            int dice = random.nextInt(100);
            if (dice < 80 || sent.size() < 100) {
                send(newPledge());
            } else if (dice < 92) {
                send(nextVersion(sent.get(random.nextInt(sent.size())).pledgeId()));
            } else if (dice < 97) {
                resend(sent.get(random.nextInt(sent.size())));
            } else {
                Version any = sent.get(random.nextInt(sent.size()));
                resend(any); // stale whenever a newer version of it went out since
            }
            long due = start + (long) ((i + 1) * 1e9 / perSecond);
            long ahead = due - System.nanoTime();
            if (ahead > 1_000_000) {
                RunningSystem.pause(ahead / 1_000_000);
            }
        }
        producer.flush();
    }

    private Version newPledge() {
        String cityId = cities.get(random.nextInt(cities.size()));
        return version(UUID.randomUUID().toString(), cityId, 1, "ACTIVE", amount(), BigDecimal.ZERO,
                TYPES[random.nextInt(TYPES.length)], GPC_REFS[random.nextInt(GPC_REFS.length)],
                random.nextInt(4) == 0 ? "p" + random.nextInt(5_000) : null);
    }

    private Version nextVersion(String pledgeId) {
        Version now = latest.get(pledgeId);
        String status = STATUSES[random.nextInt(STATUSES.length)];
        BigDecimal achieved = status.equals("FULFILLED") ? now.estimate() : amount().min(now.estimate());
        return version(pledgeId, now.cityId(), now.version() + 1, status,
                random.nextBoolean() ? now.estimate() : amount(), achieved, now.type(), now.gpcRef(), now.participant());
    }

    /** An estimate in tCO2e with six decimals, up to 5 t. */
    private BigDecimal amount() {
        return BigDecimal.valueOf(1 + random.nextInt(5_000_000), 6);
    }

    private Version version(String pledgeId, String cityId, long version, String status, BigDecimal estimate,
                            BigDecimal achieved, String type, String gpcRef, String participant) {
        String body = ("{\"pledgeId\":\"%s\",\"cityId\":\"%s\",%s\"stakeholderType\":\"%s\","
                + "\"actionCode\":\"COOKING_LPG_REDUCTION\",\"pledgeArea\":\"ENERGY\",\"gpcRef\":\"%s\",\"scope\":1,"
                + "\"quantity\":120,\"unit\":\"kg/yr\",\"emissionFactor\":{\"code\":\"LPG\",\"value\":2.98463,"
                + "\"unit\":\"kgCO2e/kg\",\"source\":\"IPCC 2006\",\"year\":null,\"origin\":\"DEFAULT\"},"
                + "\"estimatedTco2ePerYear\":%s,\"targetDate\":null,\"achievedTco2ePerYear\":%s,\"status\":\"%s\","
                + "\"version\":%d,\"pledgedAt\":\"2026-11-24T10:00:00Z\",\"changedAt\":\"2026-11-24T11:00:00Z\"}")
                .formatted(pledgeId, cityId, participant == null ? "" : "\"participantId\":\"" + participant + "\",",
                        type, gpcRef, estimate.toPlainString(), achieved.toPlainString(), status, version);
        return new Version(pledgeId, cityId, version, status, estimate, achieved, type, gpcRef, participant,
                body.getBytes(StandardCharsets.UTF_8), UUID.randomUUID().toString());
    }

    private void send(Version version) {
        Version held = latest.get(version.pledgeId());
        if (held == null || held.version() < version.version()) {
            latest.put(version.pledgeId(), version);
        }
        sent.add(version);
        resend(version);
    }

    /** Puts a version on the topic, the same bytes and event id each time. */
    private void resend(Version version) {
        var record = new ProducerRecord<String, byte[]>("pledge-events", version.cityId(), version.body());
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", version.eventId());
        header(record, "ce_source", "/citypromise/pledge-service");
        header(record, "ce_type", version.version() == 1 ? "org.citypromise.pledge.pledge-submitted.v1"
                : "org.citypromise.pledge.pledge-updated.v1");
        header(record, "ce_subject", "pledges/" + version.pledgeId());
        header(record, "ce_time", "2026-11-24T11:00:00Z");
        header(record, "content-type", "application/json");
        producer.send(record, (metadata, failure) -> {
            if (failure != null) {
                throw new IllegalStateException("the broker refused a pledge event", failure);
            }
        });
        events++;
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Each city's expected view, from the newest version sent of each pledge. */
    Map<String, Expected> expected() {
        Map<String, Expected> byCity = new HashMap<>();
        for (String city : cities) {
            byCity.put(city, new Expected(0, BigDecimal.ZERO, BigDecimal.ZERO,
                    Map.of("ACTIVE", 0L, "FULFILLED", 0L, "WITHDRAWN", 0L, "LAPSED", 0L)));
        }
        for (Version pledge : latest.values()) {
            Expected was = byCity.get(pledge.cityId());
            boolean stands = pledge.status().equals("ACTIVE") || pledge.status().equals("FULFILLED");
            Map<String, Long> statuses = new HashMap<>(was.byStatus());
            statuses.merge(pledge.status(), 1L, Long::sum);
            byCity.put(pledge.cityId(), new Expected(was.pledgeCount() + 1,
                    stands ? was.pledgedTco2e().add(pledge.estimate()) : was.pledgedTco2e(),
                    was.achievedTco2e().add(pledge.achieved()), statuses));
        }
        return byCity;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
