package org.citypromise.aggregation;

import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoDatabase;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.citypromise.aggregation.application.ViewConsumers;
import org.citypromise.aggregation.domain.CityContribution;
import org.citypromise.aggregation.domain.Outcome;
import org.citypromise.aggregation.domain.Position;
import org.citypromise.aggregation.domain.GpcSector;
import org.citypromise.aggregation.domain.StakeholderType;
import org.citypromise.aggregation.messaging.AggregationTopics;
import org.citypromise.aggregation.messaging.DeadLetters;
import org.citypromise.aggregation.messaging.EventReader;
import org.citypromise.aggregation.store.ContributionStore;
import org.citypromise.aggregation.domain.ViewEvent;
import org.citypromise.aggregation.store.ViewGenerations;
import org.citypromise.backbone.ActingUser;
import org.citypromise.backbone.ActuatorAccess;
import org.citypromise.backbone.Backbone;
import org.citypromise.backbone.BackboneInitializer;
import org.citypromise.backbone.Tokens;
import org.citypromise.backbone.TopicTail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * aggregation-service fed through a real broker, its views in the MongoDB protocol, read over HTTP.
 *
 * <p>Records are written with a plain Kafka producer, CloudEvent attributes as raw UTF-8 headers, as
 * another service would. Where a test must know that the broker delivered a record that changes
 * nothing, it writes a marker after it with the same key: same partition, so handled after it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "citypromise.aggregation.store-retry.initial-interval=200ms",
        "citypromise.aggregation.store-retry.max-interval=1s"})
@ContextConfiguration(initializers = BackboneInitializer.class)
@Import({ContributionViewIntegrationTest.StoreOutages.class, ProducerTopics.class})
class ContributionViewIntegrationTest {

    private static final Duration DELIVERY = Duration.ofSeconds(30);

    private static KafkaProducer<String, byte[]> producer;

    @LocalServerPort
    int port;
    @Autowired
    ViewGenerations generations;
    @Autowired
    MongoDatabase database;
    @Autowired
    Environment environment;

    RestTestClient http;

    /** The serving views. */
    private ContributionStore store() {
        return generations.serving();
    }

    @BeforeAll
    static void connect() {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Backbone.get().kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    @AfterAll
    static void disconnect() {
        producer.close(Duration.ofSeconds(5));
    }

    @BeforeEach
    void client() {
        http = RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .requestInterceptor(new ActingUser()).build();
    }

    /**
     * Edges of the service a test plays with: a store that fails to take the events of chosen cities a
     * number of times, as an outage would; a reader that cannot read a kind of pledge until it is fixed,
     * as a release with a bug would.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class StoreOutages {

        static final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
        static final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        /** Pledges of action BUGGY are unreadable until this is true. */
        static volatile boolean fixed;

        @Bean
        @Primary
        ViewGenerations generationsWithOutages(MongoDatabase database) {
            return new ViewGenerations(database, AggregationTopics.GROUP + "-" + UUID.randomUUID()) {
                private final Map<Integer, ContributionStore> stores = new ConcurrentHashMap<>();

                @Override
                public ContributionStore store(int generation) {
                    return stores.computeIfAbsent(generation, n -> new FailingStore(super.store(n)));
                }
            };
        }

        @Bean
        @Primary
        EventReader readerWithABug(java.time.Clock clock) {
            return new EventReader(clock) {
                @Override
                public Read read(org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> record,
                                 Position position) {
                    if (!fixed && record.value() != null
                            && new String(record.value(), StandardCharsets.UTF_8).contains("\"actionCode\":\"BUGGY\"")) {
                        return new Poison(Poison.SCHEMA, "BUGGY is not an action this release knows");
                    }
                    return super.read(record, position);
                }
            };
        }

        /** Delegates to the real store, failing first where told to. */
        static final class FailingStore extends ContributionStore {
            private final ContributionStore real;

            FailingStore(ContributionStore real) {
                super(real);
                this.real = real;
            }

            @Override
            public List<Outcome> apply(List<ViewEvent> events, Instant now) {
                for (String city : events.stream().map(ViewEvent::cityId).distinct().toList()) {
                    attempts.computeIfAbsent(city, c -> new AtomicInteger()).incrementAndGet();
                    AtomicInteger left = failuresLeft.get(city);
                    if (left != null && left.getAndDecrement() > 0) {
                        throw new MongoTimeoutException("store unreachable (test outage)");
                    }
                }
                return real.apply(events, now);
            }
        }
    }

    // --- Writing records as a producer would ---

    /** One record as it is on the wire, so that a test can write it again. */
    record Sent(String topic, String key, Map<String, String> headers, byte[] value) {
    }

    private static RecordMetadata write(Sent record) {
        ProducerRecord<String, byte[]> kafka = new ProducerRecord<>(record.topic(), record.key(), record.value());
        record.headers().forEach((name, text) -> kafka.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
        try {
            return producer.send(kafka).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("broker did not take the record", e);
        }
    }

    private static String unique(String city) {
        return city + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Map<String, String> headers(String type, String subject) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce_specversion", "1.0");
        headers.put("ce_id", UUID.randomUUID().toString());
        headers.put("ce_source", "/test");
        headers.put("ce_type", type);
        headers.put("ce_subject", subject);
        headers.put("ce_time", "2026-11-24T10:00:00Z");
        headers.put("content-type", "application/json");
        return headers;
    }

    private static Sent city(String key, String cityId, String name, String countryCode, long population, long version) {
        Sent sent = new Sent(AggregationTopics.INVENTORY_EVENTS, key,
                headers(AggregationTopics.CITY_REGISTERED, "cities/" + cityId),
                ("{\"cityId\":\"%s\",\"name\":\"%s\",\"countryCode\":\"%s\",\"population\":%d,\"version\":%d,"
                        + "\"changedAt\":\"2026-11-24T10:00:00Z\"}")
                        .formatted(cityId, name, countryCode, population, version).getBytes(StandardCharsets.UTF_8));
        write(sent);
        return sent;
    }

    private static Sent city(String cityId, String name, String countryCode, long population, long version) {
        return city(cityId, cityId, name, countryCode, population, version);
    }

    private static Sent pledge(String cityId, String stakeholderType, String gpcRef, String tco2e) {
        return pledge(cityId, stakeholderType, gpcRef, tco2e, true);
    }

    private static Sent pledge(String cityId, String stakeholderType, String gpcRef, String tco2e, boolean send) {
        String pledgeId = UUID.randomUUID().toString();
        Sent sent = new Sent(AggregationTopics.PLEDGE_EVENTS, cityId,
                headers(AggregationTopics.PLEDGE_SUBMITTED, "pledges/" + pledgeId),
                ("{\"pledgeId\":\"%s\",\"cityId\":\"%s\",\"stakeholderType\":\"%s\",\"actionCode\":\"X\","
                        + "\"pledgeArea\":\"ENERGY\",\"gpcRef\":\"%s\",\"scope\":1,\"quantity\":1,\"unit\":\"kg/yr\","
                        + "\"emissionFactor\":{\"value\":1,\"unit\":\"kgCO2/kg\",\"source\":\"test\"},"
                        + "\"estimatedTco2ePerYear\":%s,\"status\":\"ACTIVE\",\"version\":1,"
                        + "\"pledgedAt\":\"2026-11-24T10:00:00Z\"}")
                        .formatted(pledgeId, cityId, stakeholderType, gpcRef, tco2e).getBytes(StandardCharsets.UTF_8));
        if (send) {
            write(sent);
        }
        return sent;
    }

    private CityContribution awaitPledgeCount(String cityId, long count) {
        await().atMost(DELIVERY).until(() -> store().find(cityId).map(view -> view.pledgeCount() >= count).orElse(false));
        CityContribution view = store().find(cityId).orElseThrow();
        assertThat(view.pledgeCount()).isEqualTo(count);
        return view;
    }

    private void awaitView(String cityId) {
        await().atMost(DELIVERY).until(() -> store().find(cityId).isPresent());
    }

    // --- The views ---

    @Test
    void aCitysViewSumsItsPledgesExactlyWithBreakdowns() {
        String cityId = unique("pasig");
        city(cityId, "Pasig City", "PH", 803159, 1);
        pledge(cityId, "HOUSEHOLD", "I.1.1", "0.358156");
        pledge(cityId, "HOUSEHOLD", "II.1.1", "0.920997");
        pledge(cityId, "BUSINESS", "I.2.1", "7.967343");
        awaitPledgeCount(cityId, 3);
        await().atMost(DELIVERY).until(() -> "Pasig City".equals(store().find(cityId).orElseThrow().name()));

        // 0.358156 + 0.920997 + 7.967343 = 9.246496 t; households 0.358156 + 0.920997 = 1.279153;
        // sector I 0.358156 + 7.967343 = 8.325499; sector II 0.920997.
        byte[] body = http.get().uri("/api/v1/cities/{id}/contributions", cityId).exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.cityId").isEqualTo(cityId)
                .jsonPath("$.name").isEqualTo("Pasig City")
                .jsonPath("$.countryCode").isEqualTo("PH")
                .jsonPath("$.population").isEqualTo(803159)
                .jsonPath("$.pledgeCount").isEqualTo(3)
                .jsonPath("$.pledgedTco2ePerYear").isEqualTo(9.246496)
                // every pledge was made on 2026-11-24 (pledgedAt): one day in the daily series
                .jsonPath("$.daily.length()").isEqualTo(1)
                .jsonPath("$.daily[0].date").isEqualTo("2026-11-24")
                .jsonPath("$.daily[0].newPledges").isEqualTo(3)
                .jsonPath("$.daily[0].pledgedTco2ePerYearChange").isEqualTo(9.246496)
                // no participant named: every group too small to show publicly (see publicBreakdowns...)
                .jsonPath("$.byStakeholderType").isEmpty()
                .jsonPath("$.bySector").isEmpty()
                .jsonPath("$.updatedAt").exists()
                .returnResult().getResponseBodyContent();
        assertThat(new String(body, StandardCharsets.UTF_8)).as("decimals as written, not as binary floating point")
                .contains("\"pledgedTco2ePerYear\":9.246496");
        // the view itself holds the breakdowns exactly
        CityContribution view = store().find(cityId).orElseThrow();
        assertThat(view.byStakeholderType()).isEqualTo(Map.of(
                StakeholderType.HOUSEHOLD, new CityContribution.Tally(2, 1_279_153),
                StakeholderType.BUSINESS, new CityContribution.Tally(1, 7_967_343)));
        assertThat(view.bySector()).isEqualTo(Map.of(GpcSector.I, new CityContribution.Tally(2, 8_325_499),
                GpcSector.II, new CityContribution.Tally(1, 920_997)));
    }

    /** A later version of a pledge, as pledge-service announces a progress report, withdrawal or lapse. */
    private static Sent pledgeUpdate(Sent submitted, long version, String status, String achievedTco2e) {
        String body = new String(submitted.value(), StandardCharsets.UTF_8)
                .replace("\"status\":\"ACTIVE\",\"version\":1,",
                        "\"status\":\"" + status + "\",\"version\":" + version + ",\"achievedTco2ePerYear\":" + achievedTco2e + ",");
        Sent sent = new Sent(AggregationTopics.PLEDGE_EVENTS, submitted.key(),
                headers(AggregationTopics.PLEDGE_UPDATED, submitted.headers().get("ce_subject")),
                body.getBytes(StandardCharsets.UTF_8));
        write(sent);
        return sent;
    }

    @Test
    void lifecycleUpdatesMoveCountsBetweenStatusesAndOnlyStandingPledgesCountAsPledged() {
        String cityId = unique("pasig");
        city(cityId, "Pasig City", "PH", 803_159, 1);
        Sent fulfilled = pledge(cityId, "HOUSEHOLD", "I.1.1", "0.358156");
        Sent withdrawn = pledge(cityId, "BUSINESS", "I.2.1", "7.967343");
        pledge(cityId, "SCHOOL", "II.1.1", "0.920997");
        awaitPledgeCount(cityId, 3);

        pledgeUpdate(fulfilled, 2, "ACTIVE", "0.179078");
        pledgeUpdate(fulfilled, 3, "FULFILLED", "0.358156");
        pledgeUpdate(withdrawn, 2, "WITHDRAWN", "1.000000");
        pledgeUpdate(fulfilled, 2, "ACTIVE", "0.179078");       // a late repeat of an older version: no effect
        await().atMost(DELIVERY).until(() -> store().find(cityId).map(v -> v.byStatus()
                .get(org.citypromise.aggregation.domain.PledgeStatus.WITHDRAWN).pledgeCount() == 1).orElse(false));
        Sent marker = pledge(cityId, "INDIVIDUAL", "I.1.1", "0.000001");   // same partition: read after the above
        awaitPledgeCount(cityId, 4);

        // pledged: fulfilled 0.358156 + active 0.920997 + marker 0.000001 = 1.279154 (the withdrawn 7.967343 is off)
        // achieved: 0.358156 + 1.000000 = 1.358156
        http.get().uri("/api/v1/cities/{id}/contributions", cityId).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.pledgeCount").isEqualTo(4)
                .jsonPath("$.countsByStatus.ACTIVE").isEqualTo(2)
                .jsonPath("$.countsByStatus.FULFILLED").isEqualTo(1)
                .jsonPath("$.countsByStatus.WITHDRAWN").isEqualTo(1)
                .jsonPath("$.countsByStatus.LAPSED").isEqualTo(0)
                .jsonPath("$.pledgedTco2ePerYear").isEqualTo(1.279154)
                .jsonPath("$.achievedTco2ePerYear").isEqualTo(1.358156);
        CityContribution view = store().find(cityId).orElseThrow();
        assertThat(view.byStakeholderType().get(StakeholderType.BUSINESS)).isEqualTo(new CityContribution.Tally(1, 0));
        assertThat(view.byArea().get(org.citypromise.aggregation.domain.PledgeArea.ENERGY))
                .isEqualTo(new CityContribution.Tally(4, 1_279_154));
        assertThat(marker.key()).isEqualTo(cityId);
    }

    private static void inventory(String cityId, int year, long version, String basic, String sectorI, String sectorII) {
        write(new Sent(AggregationTopics.INVENTORY_EVENTS, cityId,
                headers(AggregationTopics.INVENTORY_PUBLISHED, "cities/" + cityId + "/inventories/" + year),
                ("{\"cityId\":\"%s\",\"year\":%d,\"version\":%d,\"gwpSet\":\"AR5\",\"rows\":[],"
                        + "\"totals\":{\"basic\":%s,\"basicPlus\":%s,\"territorial\":0},"
                        + "\"bySector\":{\"I\":{\"basic\":%s,\"basicPlus\":%s,\"territorial\":0},"
                        + "\"II\":{\"basic\":%s,\"basicPlus\":%s,\"territorial\":0}},\"publishedAt\":\"2026-11-24T10:00:00Z\"}")
                        .formatted(cityId, year, version, basic, basic, sectorI, sectorI, sectorII, sectorII)
                        .getBytes(StandardCharsets.UTF_8)));
    }

    private static void target(String cityId, long version, String allowed) {
        write(new Sent(AggregationTopics.INVENTORY_EVENTS, cityId,
                headers(AggregationTopics.TARGET_SET, "cities/" + cityId + "/target"),
                ("{\"cityId\":\"%s\",\"version\":%d,\"type\":\"BASE_YEAR\",\"baseYear\":2005,\"targetYear\":2030,"
                        + "\"reductionPercent\":40,\"sectors\":[\"I\",\"II\",\"III\",\"IV\",\"V\"],\"gases\":[\"CO2\"],"
                        + "\"boundary\":\"BASIC\",\"baseYearEmissionsTco2e\":42000,\"targetEmissionsTco2e\":%s,"
                        + "\"setAt\":\"2026-11-24T10:00:00Z\"}").formatted(cityId, version, allowed)
                        .getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theViewShowsTheLatestInventoryTheTargetAndTheShareOfTheGapActivePledgesCover() {
        String cityId = unique("seoul");
        city(cityId, "Seoul", "KR", 9_386_034, 1);
        inventory(cityId, 2022, 1, "40000", "30000", "10000");
        inventory(cityId, 2019, 3, "50000", "40000", "10000");       // an older year: not the latest
        target(cityId, 1, "25200");
        pledge(cityId, "HOUSEHOLD", "I.1.2", "420");
        pledge(cityId, "BUSINESS", "I.2.2", "84");
        awaitPledgeCount(cityId, 2);

        // gap: 40,000 - 25,200 = 14,800 t; active pledges 504 t cover 504 / 14,800 = 3.405...% -> 3.41
        http.get().uri("/api/v1/cities/{id}/contributions", cityId).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.latestInventory.year").isEqualTo(2022)
                .jsonPath("$.latestInventory.basicTco2e").isEqualTo(40000.0)
                .jsonPath("$.target.type").isEqualTo("BASE_YEAR")
                .jsonPath("$.target.targetYear").isEqualTo(2030)
                .jsonPath("$.targetEmissionsTco2e").isEqualTo(25200.0)
                .jsonPath("$.targetGapTco2e").isEqualTo(14800.0)
                .jsonPath("$.gapCoveragePercent").isEqualTo(3.41);

        // a re-published 2022 (version 2) replaces it; a stale target version changes nothing
        inventory(cityId, 2022, 2, "39000", "29000", "10000");
        target(cityId, 0 + 1, "1");
        pledge(cityId, "SCHOOL", "II.1.1", "1");
        awaitPledgeCount(cityId, 3);
        http.get().uri("/api/v1/cities/{id}/contributions", cityId).exchange()
                .expectBody()
                .jsonPath("$.latestInventory.basicTco2e").isEqualTo(39000.0)
                .jsonPath("$.targetEmissionsTco2e").isEqualTo(25200.0)
                // 39,000 - 25,200 = 13,800; 505 / 13,800 = 3.659...% -> 3.66
                .jsonPath("$.targetGapTco2e").isEqualTo(13800.0)
                .jsonPath("$.gapCoveragePercent").isEqualTo(3.66);
    }

    @Test
    void citiesAddUpPerCountryAndForTheWorldAndRankOnTheLeaderboard() {
        // Unique two-letter countries keep this test's roll-up apart from other tests' cities.
        String[] countries = {"TV", "NR"};
        String tuvalu = unique("funafuti");
        String nauru = unique("yaren");
        city(tuvalu, "Funafuti", countries[0], 6_000, 1);
        city(nauru, "Yaren", countries[1], 1_000, 1);
        pledge(tuvalu, "HOUSEHOLD", "I.1.1", "3");
        pledge(tuvalu, "BUSINESS", "II.1.1", "2");
        pledge(nauru, "SCHOOL", "III.1.1", "4");
        awaitPledgeCount(tuvalu, 2);
        awaitPledgeCount(nauru, 1);

        http.get().uri("/api/v1/countries/{c}/contributions", countries[0]).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.scope").isEqualTo("TV")
                .jsonPath("$.cityCount").isEqualTo(1)
                .jsonPath("$.pledgeCount").isEqualTo(2)
                .jsonPath("$.pledgedTco2ePerYear").isEqualTo(5.0)
                .jsonPath("$.bySector").isEmpty();    // groups of no named participants: not shown
        http.get().uri("/api/v1/contributions/global").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.scope").isEqualTo("GLOBAL")
                .jsonPath("$.cityCount").value(count -> assertThat(((Number) count).intValue()).isGreaterThanOrEqualTo(2))
                .jsonPath("$.pledgedTco2ePerYear").value(total ->
                        assertThat(new java.math.BigDecimal(total.toString())).isGreaterThanOrEqualTo(new java.math.BigDecimal("9")));
        // per capita: Yaren 4 t / 1,000 = 0.004 t ahead of Funafuti 5 t / 6,000 = 0.000833333
        http.get().uri("/api/v1/leaderboard?sortBy=PER_CAPITA&size=200").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.sortBy").isEqualTo("PER_CAPITA")
                .jsonPath("$.items[?(@.cityId == '" + nauru + "')].tco2ePerCapita").isEqualTo(java.util.List.of(0.004))
                .jsonPath("$.items[?(@.cityId == '" + tuvalu + "')].tco2ePerCapita").isEqualTo(java.util.List.of(0.000833333));
        http.get().uri("/api/v1/countries/XX/contributions").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("countryCode");
        http.get().uri("/api/v1/countries/AQ/contributions").exchange()
                .expectStatus().isNotFound().expectBody().jsonPath("$.errors[0].field").isEqualTo("countryCode");
        http.get().uri("/api/v1/leaderboard?sortBy=LOUDEST").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("sortBy");
    }

    @Test
    void theSameRecordsPublishedAgainAtNewOffsetsChangeNothing() {
        String cityId = unique("hanoi");
        List<Sent> sent = List.of(
                city(cityId, "Hanoi", "VN", 8053663, 1),
                pledge(cityId, "SCHOOL", "III.2.1", "1.5"),
                pledge(cityId, "INDIVIDUAL", "II.1.1", "0.25"),
                pledge(cityId, "HOUSEHOLD", "I.1.1", "0.000001"));
        awaitPledgeCount(cityId, 3);

        // As an outbox relay does after a crash between the broker's ack and removing its entries:
        // the same ce_id, pledgeId and version, at new offsets.
        for (Sent again : sent) {
            RecordMetadata first = write(again);
            assertThat(first.offset()).isPositive();
        }
        pledge(cityId, "BUSINESS", "I.2.1", "2");     // behind the repeats on the same partition

        CityContribution view = awaitPledgeCount(cityId, 4);
        assertThat(view.pledgedGramsPerYear()).isEqualTo(1_500_000L + 250_000L + 1L + 2_000_000L);
        assertThat(view.name()).isEqualTo("Hanoi");
        assertThat(view.byStakeholderType().get(StakeholderType.SCHOOL)).isEqualTo(new CityContribution.Tally(1, 1_500_000L));
        assertThat(database.getCollection("pledges_g" + generations.state().serving()).countDocuments(
                new org.bson.Document("s.cityId", cityId))).as("one counted state per pledge").isEqualTo(4);
    }

    @Test
    void pledgesArrivingBeforeTheirCityCountAndOlderCityVersionsChangeNothing() {
        String cityId = unique("jakarta");
        pledge(cityId, "COMMUNITY_GROUP", "V.2", "3");
        CityContribution early = awaitPledgeCount(cityId, 1);
        assertThat(early.name()).isNull();
        http.get().uri("/api/v1/cities/{id}/contributions", cityId).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.pledgeCount").isEqualTo(1)
                .jsonPath("$.name").doesNotExist();

        city(cityId, "Jakarta", "ID", 10_562_088, 2);
        await().atMost(DELIVERY).until(() -> "Jakarta".equals(store().find(cityId).orElseThrow().name()));

        city(cityId, "Batavia", "NL", 1, 1);
        String marker = unique("marker");
        city(cityId, marker, "Marker", "PH", 1, 1);   // keyed like the city: handled after the stale version
        awaitView(marker);

        http.get().uri("/api/v1/cities/{id}/contributions", cityId).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.name").isEqualTo("Jakarta")
                .jsonPath("$.countryCode").isEqualTo("ID")
                .jsonPath("$.population").isEqualTo(10_562_088)
                .jsonPath("$.pledgeCount").isEqualTo(1)
                .jsonPath("$.pledgedTco2ePerYear").isEqualTo(3.0);
        assertThat(store().find(cityId).orElseThrow().bySector().get(GpcSector.V).pledgeCount()).isEqualTo(1);
    }

    // --- What cannot be read, and what cannot be written ---

    @Test
    void poisonRecordsGoToTheDeadLetterTopicWithWhyAndWhereFromAndLaterRecordsOfTheCityAreStillTaken() {
        String cityId = unique("seoul");
        RecordMetadata notJson = write(new Sent(AggregationTopics.PLEDGE_EVENTS, cityId,
                headers(AggregationTopics.PLEDGE_SUBMITTED, "pledges/x"), "{not json".getBytes(StandardCharsets.UTF_8)));
        write(new Sent(AggregationTopics.PLEDGE_EVENTS, cityId,
                headers(AggregationTopics.PLEDGE_SUBMITTED, "pledges/y"), "null".getBytes(StandardCharsets.UTF_8)));
        write(new Sent(AggregationTopics.PLEDGE_EVENTS, cityId,
                headers("org.citypromise.pledge.pledge-submitted.v2", "pledges/z"),
                "{\"pledgeId\":\"z\"}".getBytes(StandardCharsets.UTF_8)));
        write(new Sent(AggregationTopics.PLEDGE_EVENTS, cityId, Map.of(), "{}".getBytes(StandardCharsets.UTF_8)));
        write(new Sent(AggregationTopics.PLEDGE_EVENTS, cityId, headers(AggregationTopics.PLEDGE_SUBMITTED, "pledges/t"), null));
        write(new Sent(AggregationTopics.PLEDGE_EVENTS, cityId, headers(AggregationTopics.PLEDGE_SUBMITTED, "pledges/n"),
                ("{\"pledgeId\":\"n\",\"cityId\":\"%s\",\"stakeholderType\":\"HOUSEHOLD\",\"gpcRef\":\"I.1.1\","
                        + "\"scope\":1,\"estimatedTco2ePerYear\":-1,\"version\":1}").formatted(cityId)
                        .getBytes(StandardCharsets.UTF_8)));
        pledge(cityId, "PUBLIC_INSTITUTION", "I.1.2", "2.000001");

        write(new Sent(AggregationTopics.INVENTORY_EVENTS, cityId,
                headers("org.citypromise.inventory.city-renamed.v9", "cities/" + cityId),
                "{\"cityId\":\"%s\"}".formatted(cityId).getBytes(StandardCharsets.UTF_8)));
        write(new Sent(AggregationTopics.INVENTORY_EVENTS, cityId,
                headers(AggregationTopics.CITY_REGISTERED, "cities/" + cityId), "[1,2]".getBytes(StandardCharsets.UTF_8)));
        city(cityId, "Seoul", "KR", 9386034, 3);

        assertThat(awaitPledgeCount(cityId, 1).pledgedGramsPerYear()).isEqualTo(2_000_001L);
        await().atMost(DELIVERY).until(() -> "Seoul".equals(store().find(cityId).orElseThrow().name()));

        List<TopicTail.Event> letters;
        try (TopicTail tail = TopicTail.of(AggregationTopics.DEAD_LETTERS)) {
            // a rebuild reads the same records again and sends its own copy: one of each origin
            letters = tail.awaitKey(cityId, 8, DELIVERY).stream().filter(letter -> "1".equals(letter.header("dlt_generation"))
                    || letter.header("dlt_generation").equals(Integer.toString(generations.state().serving())))
                    .collect(java.util.stream.Collectors.toMap(letter -> letter.header("dlt_origin_topic") + "@"
                            + letter.header("dlt_origin_offset"), letter -> letter, (a, b) -> a, LinkedHashMap::new))
                    .values().stream().toList();
        }
        assertThat(letters).extracting(letter -> letter.header("dlt_reason")).containsExactly(
                "unparseable", "schema", "unknown-type", "unknown-type", "unparseable", "schema", "unknown-type", "schema");
        TopicTail.Event first = letters.get(0);
        assertThat(first.value()).isEqualTo("{not json");
        assertThat(first.header("ce_subject")).isEqualTo("pledges/x");
        assertThat(first.header("dlt_origin_topic")).isEqualTo(AggregationTopics.PLEDGE_EVENTS);
        assertThat(first.header("dlt_origin_partition")).isEqualTo(Integer.toString(notJson.partition()));
        assertThat(first.header("dlt_origin_offset")).isEqualTo(Long.toString(notJson.offset()));
        assertThat(letters.get(2).header("dlt_detail")).contains("pledge-submitted.v2");
        assertThat(letters.get(5).header("dlt_detail")).contains("never adds emissions");

        http.get().uri("/api/v1/admin/dead-letters?from={from}&limit=1", first.offset()).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.items[0].reason").isEqualTo("unparseable")
                .jsonPath("$.items[0].originOffset").isEqualTo((int) notJson.offset())
                .jsonPath("$.items[0].key").isEqualTo(cityId)
                .jsonPath("$.items[0].body").isEqualTo("{not json");

        String metrics = prometheus();
        assertThat(metrics).containsPattern(
                        "citypromise_aggregation_events_total\\{[^}]*outcome=\"dead-lettered\",topic=\"pledge-events\"")
                .containsPattern(
                        "citypromise_aggregation_dead_letters_total\\{[^}]*reason=\"unknown-type\",topic=\"inventory-events\"")
                .containsPattern("citypromise_aggregation_events_total\\{[^}]*outcome=\"applied\",topic=\"pledge-events\"");
    }

    private String prometheus() {
        return new String(http.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBodyContent(), StandardCharsets.UTF_8);
    }

    @Test
    void deadLettersAreReDrivenIntoTheViewsOnceReadableAndReDrivingAgainChangesNothing() {
        String cityId = unique("hanoi");
        String buggy = new String(pledge(cityId, "HOUSEHOLD", "I.1.1", "1.5").value(), StandardCharsets.UTF_8)
                .replace("\"actionCode\":\"X\"", "\"actionCode\":\"BUGGY\"")
                .replaceAll("\"pledgeId\":\"[^\"]+\"", "\"pledgeId\":\"" + UUID.randomUUID() + "\"");
        write(new Sent(AggregationTopics.PLEDGE_EVENTS, cityId, headers(AggregationTopics.PLEDGE_SUBMITTED, "pledges/b"),
                buggy.getBytes(StandardCharsets.UTF_8)));
        pledge(cityId, "SCHOOL", "I.1.2", "2");
        try (TopicTail tail = TopicTail.of(AggregationTopics.DEAD_LETTERS)) {
            assertThat(tail.awaitKey(cityId, 1, DELIVERY)).hasSize(1);
        }
        awaitPledgeCount(cityId, 2);

        StoreOutages.fixed = true; // the fixed release is deployed, and stays
        http.post().uri("/api/v1/admin/dead-letters/redrive").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.outcomes.APPLIED").value(n -> assertThat((Integer) n).isGreaterThanOrEqualTo(1));
        CityContribution view = awaitPledgeCount(cityId, 3);
        assertThat(view.pledgedGramsPerYear()).isEqualTo(5_000_000L);

        http.post().uri("/api/v1/admin/dead-letters/redrive").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.outcomes.APPLIED").doesNotExist();
        assertThat(store().find(cityId).orElseThrow().pledgedGramsPerYear()).isEqualTo(5_000_000L);
    }

    /**
     * While views are rebuilt, both generations dead-letter what they cannot read. Each takes only its own
     * letters: another's have origins it reads itself, and one pledge taken from two topics by two consumers
     * at once could be counted twice.
     */
    @Test
    void aGenerationTakesOnlyTheDeadLettersItWroteItself() {
        String cityId = unique("davao");
        int serving = generations.state().serving();
        write(asLetter(pledge(cityId, "HOUSEHOLD", "I.1.1", "1", false), serving));
        write(asLetter(pledge(cityId, "SCHOOL", "I.1.1", "2", false), serving + 7));   // another generation's
        write(asLetter(pledge(cityId, "BUSINESS", "I.1.1", "0.000001", false), serving)); // behind it, one partition

        CityContribution view = awaitPledgeCount(cityId, 2);
        assertThat(view.pledgedGramsPerYear()).isEqualTo(1_000_001L);
    }

    /** A record as the given generation dead-letters it: the record, with where it came from and why. */
    private static Sent asLetter(Sent origin, int generation) {
        Map<String, String> headers = new LinkedHashMap<>(origin.headers());
        headers.put(DeadLetters.REASON, "schema");
        headers.put(DeadLetters.ORIGIN_TOPIC, origin.topic());
        headers.put(DeadLetters.ORIGIN_PARTITION, "0");
        headers.put(DeadLetters.ORIGIN_OFFSET, "0");
        headers.put(DeadLetters.GENERATION, Integer.toString(generation));
        return new Sent(AggregationTopics.DEAD_LETTERS, origin.key(), headers, origin.value());
    }

    @Test
    void aStoreOutageHoldsThePledgesUntilTheStoreTakesThem() {
        String cityId = unique("manila");
        StoreOutages.failuresLeft.put(cityId, new AtomicInteger(8));

        pledge(cityId, "HOUSEHOLD", "I.1.1", "0.358156");
        pledge(cityId, "SCHOOL", "III.2", "1");

        CityContribution view = awaitPledgeCount(cityId, 2);
        assertThat(view.pledgedGramsPerYear()).isEqualTo(1_358_156L);
        assertThat(StoreOutages.failuresLeft.get(cityId).get()).as("every failure was retried").isNegative();
        assertThat(StoreOutages.attempts.get(cityId).get()).isGreaterThanOrEqualTo(9);
    }

    // --- HTTP ---

    @Test
    void viewsAreListedByCityIdAPageAtATime() {
        String prefix = "aaa" + UUID.randomUUID().toString().substring(0, 6).replace("-", "");
        for (String suffix : List.of("c", "a", "b")) {
            pledge(prefix + "-" + suffix, "HOUSEHOLD", "I.1.1", "1");
        }
        for (String suffix : List.of("a", "b", "c")) {
            awaitPledgeCount(prefix + "-" + suffix, 1);
        }

        http.get().uri("/api/v1/cities/contributions?page=0&size=200").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.page").isEqualTo(0)
                .jsonPath("$.size").isEqualTo(200)
                .jsonPath("$.totalItems").value(total -> assertThat(((Number) total).longValue()).isEqualTo(store().count()))
                .jsonPath("$.items[*].cityId").value(ids -> {
                    @SuppressWarnings("unchecked")
                    List<String> cityIds = (List<String>) ids;
                    assertThat(cityIds).isSorted().contains(prefix + "-a", prefix + "-b", prefix + "-c");
                });
        http.get().uri("/api/v1/cities/contributions?size=1").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.page").isEqualTo(0)
                .jsonPath("$.items.length()").isEqualTo(1)
                .jsonPath("$.items[0].pledgeCount").exists();
    }

    @Test
    void unknownCitiesAndBadParametersGetProblemsNamingTheField() {
        http.get().uri("/api/v1/cities/{id}/contributions", unique("atlantis")).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.errors[0].field").isEqualTo("cityId");
        for (String slug : List.of("Not_A_Slug", "seoul-", "-seoul", "se--oul", "a".repeat(65))) {
            http.get().uri("/api/v1/cities/{id}/contributions", slug).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo("cityId");
        }
        for (String query : List.of("size=500", "size=0", "size=x")) {
            http.get().uri("/api/v1/cities/contributions?" + query).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo("size");
        }
        for (String query : List.of("page=-1", "page=x")) {
            http.get().uri("/api/v1/cities/contributions?" + query).exchange()
                    .expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo("page");
        }
    }

    // --- A store that loses its last writes ---

    @Autowired
    ViewConsumers consumers;

    @Test
    void whenTheStoreLosesItsLastWritesTheRecordsItLostAreReadAgain() {
        String cityId = unique("cebu");
        pledge(cityId, "HOUSEHOLD", "I.1.1", "1");
        awaitPledgeCount(cityId, 1);
        Map<String, List<org.bson.Document>> before = storeContents();

        pledge(cityId, "SCHOOL", "II.1.1", "2");
        pledge(cityId, "BUSINESS", "III.1.1", "4");
        awaitPledgeCount(cityId, 3);

        // The store comes back without its last writes, while the service runs on.
        restore(before);
        assertThat(store().find(cityId).orElseThrow().pledgeCount()).isEqualTo(1);
        pledge(cityId, "INDIVIDUAL", "V.1", "8");

        CityContribution view = awaitPledgeCount(cityId, 4);
        assertThat(view.pledgedGramsPerYear()).isEqualTo(15_000_000L);

        // and after a restart, which resumes from the store's checkpoints rather than Kafka's offsets
        restore(before);
        consumers.stop();
        consumers.start();
        assertThat(awaitPledgeCount(cityId, 4).pledgedGramsPerYear()).isEqualTo(15_000_000L);
    }

    private static final List<String> COLLECTIONS = List.of("city_contributions_g", "pledges_g", "participants_g",
            "checkpoints_g");

    private Map<String, List<org.bson.Document>> storeContents() {
        int generation = generations.state().serving();
        Map<String, List<org.bson.Document>> contents = new java.util.HashMap<>();
        COLLECTIONS.forEach(name -> contents.put(name, database.getCollection(name + generation).find()
                .into(new java.util.ArrayList<>())));
        return contents;
    }

    private void restore(Map<String, List<org.bson.Document>> contents) {
        int generation = generations.state().serving();
        COLLECTIONS.forEach(name -> {
            var collection = database.getCollection(name + generation);
            collection.deleteMany(new org.bson.Document());
            if (!contents.get(name).isEmpty()) {
                collection.insertMany(contents.get(name));
            }
        });
    }

    // --- Rebuilding the views ---

    /** Every view as the API shows it, without the time of its last write (a rebuild writes anew). */
    private Map<String, String> everyView() {
        var json = tools.jackson.databind.json.JsonMapper.builder().build();
        Map<String, String> views = new java.util.TreeMap<>();
        for (int page = 0; ; page++) {
            var body = json.readTree(http.get().uri("/api/v1/cities/contributions?size=200&page=" + page).exchange()
                    .expectStatus().isOk().expectBody().returnResult().getResponseBodyContent());
            body.path("items").forEach(view -> {
                ((tools.jackson.databind.node.ObjectNode) view).remove("updatedAt");
                views.put(view.get("cityId").asString(), view.toString());
            });
            if (body.path("items").size() < 200) {
                return views;
            }
        }
    }

    @Test
    void viewsRebuiltFromTheTopicsHistoryEqualTheLiveOnesAndServeAtOnceWhenCaughtUp() {
        String cityId = unique("busan");
        city(cityId, "Busan", "KR", 3_300_000, 1);
        Sent first = pledge(cityId, "HOUSEHOLD", "I.1.1", "1.25");
        pledge(cityId, "BUSINESS", "II.1.1", "3");
        write(first); // a relay's repeat
        awaitPledgeCount(cityId, 2);
        Map<String, String> live = everyView();
        int serving = generations.state().serving();

        http.post().uri("/api/v1/admin/rebuilds").exchange()
                .expectStatus().isAccepted()
                .expectBody().jsonPath("$.serving").isEqualTo(serving).jsonPath("$.building").isEqualTo(serving + 1);
        assertThat(generations.state().serving()).as("the old views serve while the new ones are built").isEqualTo(serving);

        await().atMost(Duration.ofSeconds(90)).until(() -> generations.state().serving() == serving + 1);
        try {
            await().atMost(DELIVERY).until(() -> everyView().equals(live));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // say which pledges each generation counted for the cities that differ: what to look at if this fails
            Map<String, String> rebuilt = everyView();
            StringBuilder why = new StringBuilder("rebuilt views differ from the live ones:");
            for (String city : new java.util.TreeSet<>(rebuilt.keySet())) {
                if (!rebuilt.get(city).equals(live.get(city))) {
                    why.append("\n").append(city).append("\n live    ").append(live.get(city))
                            .append("\n rebuilt ").append(rebuilt.get(city));
                    for (int generation : List.of(serving, serving + 1)) {
                        why.append("\n pledges_g").append(generation).append(": ");
                        database.getCollection("pledges_g" + generation).find(new org.bson.Document("s.cityId", city))
                                .forEach(state -> why.append(state.toJson()).append(' '));
                    }
                }
            }
            throw new AssertionError(why.toString(), e);
        }
        http.get().uri("/api/v1/admin/rebuilds").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.serving").isEqualTo(serving + 1).jsonPath("$.previous").isEqualTo(serving)
                .jsonPath("$.building").doesNotExist();
    }

    // --- Snapshots for subscribers ---

    @Test
    void everyChangeOfACityReachesCityContributionsAsSnapshotsWithGrowingVersionsAtMostEvery250Ms() {
        String cityId = unique("osaka");
        city(cityId, "Osaka", "JP", 2_750_000, 1);
        for (int i = 0; i < 40; i++) {
            pledge(cityId, "HOUSEHOLD", "I.1.1", "0.25");
        }
        awaitPledgeCount(cityId, 40);

        var contract = org.citypromise.backbone.EventContract.own("city-contribution-updated.v1");
        var json = tools.jackson.databind.json.JsonMapper.builder().build();
        List<TopicTail.Event> snapshots;
        try (TopicTail tail = TopicTail.of(AggregationTopics.CITY_CONTRIBUTIONS)) {
            tail.await(event -> cityId.equals(event.key()) && event.value().contains("\"pledgeCount\":40"), 1, DELIVERY);
            snapshots = tail.awaitKey(cityId, 1, Duration.ZERO);
        }
        assertThat(snapshots).allSatisfy(snapshot -> {
            assertThat(contract.violations(snapshot.value())).isEmpty();
            assertThat(snapshot.header("ce_type")).isEqualTo(AggregationTopics.CITY_CONTRIBUTION_UPDATED);
            assertThat(snapshot.header("ce_subject")).isEqualTo("cities/" + cityId);
        });
        List<Long> versions = snapshots.stream().map(s -> json.readTree(s.value()).get("version").asLong()).toList();
        assertThat(versions).as("each snapshot newer than the one before").isSortedAccordingTo(Long::compare)
                .doesNotHaveDuplicates();
        var last = json.readTree(snapshots.get(snapshots.size() - 1).value()).get("contribution");
        assertThat(last.get("pledgeCount").asLong()).isEqualTo(40);
        assertThat(last.get("pledgedTco2ePerYear").decimalValue()).isEqualByComparingTo("10");
        assertThat(last.get("name").asString()).isEqualTo("Osaka");
        List<Instant> sent = snapshots.stream().map(s -> Instant.parse(s.header("ce_time"))).toList();
        for (int i = 1; i < sent.size(); i++) {
            assertThat(Duration.between(sent.get(i - 1), sent.get(i))).as("coalesced: one snapshot per interval")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(200));
        }
    }

    @Test
    void theTopicsKeepWhatARebuildAndSubscribersNeed() throws Exception {
        try (var admin = org.apache.kafka.clients.admin.AdminClient.create(Map.of(
                "bootstrap.servers", Backbone.get().kafkaBootstrapServers()))) {
            var topics = List.of(AggregationTopics.PLEDGE_EVENTS, AggregationTopics.INVENTORY_EVENTS,
                    AggregationTopics.DEAD_LETTERS, AggregationTopics.CITY_CONTRIBUTIONS);
            var resources = topics.stream().map(topic -> new org.apache.kafka.common.config.ConfigResource(
                    org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic)).toList();
            var configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
            var described = admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
            for (var resource : resources) {
                var config = configs.get(resource);
                if (resource.name().equals(AggregationTopics.CITY_CONTRIBUTIONS)) {
                    assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
                } else {
                    assertThat(config.get("retention.ms").value()).as(resource.name()).isEqualTo("-1");
                    assertThat(config.get("cleanup.policy").value()).isEqualTo("delete");
                }
            }
            assertThat(described.get(AggregationTopics.DEAD_LETTERS).partitions()).hasSize(1);
            assertThat(described.get(AggregationTopics.PLEDGE_EVENTS).partitions()).hasSize(6);
        }
    }

    @Test
    void theOpenApiDocumentDescribesTheApi() {
        http.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.info.title").isEqualTo("CityPromise aggregation-service")
                .jsonPath("$.paths['/api/v1/leaderboard']").exists();
    }

    @Test
    void participantsAreCountedOncePerCityByTheirPseudonym() {
        String cityId = unique("jakarta");
        Sent first = pledge(cityId, "HOUSEHOLD", "I.1.1", "1");
        Sent second = pledge(cityId, "HOUSEHOLD", "I.1.1", "2");
        Sent other = pledge(cityId, "BUSINESS", "I.2.1", "3");
        pledge(cityId, "SCHOOL", "I.2.2", "4");                          // no participant named
        for (Sent sent : List.of(first, second, other)) {
            String participant = sent == other ? "dev1:" + "b".repeat(64) : "dev1:" + "a".repeat(64);
            write(new Sent(sent.topic(), sent.key(), headers(AggregationTopics.PLEDGE_UPDATED, sent.headers().get("ce_subject")),
                    new String(sent.value(), StandardCharsets.UTF_8)
                            .replace("\"version\":1,", "\"version\":2,")
                            .replace("\"cityId\":", "\"participantId\":\"" + participant + "\",\"cityId\":")
                            .getBytes(StandardCharsets.UTF_8)));
        }
        write(new Sent(first.topic(), first.key(), headers(AggregationTopics.PLEDGE_UPDATED, first.headers().get("ce_subject")),
                new String(first.value(), StandardCharsets.UTF_8).replace("\"version\":1,", "\"version\":3,")
                        .replace("\"cityId\":", "\"participantId\":\"dev1:" + "a".repeat(64) + "\",\"cityId\":")
                        .getBytes(StandardCharsets.UTF_8)));          // the same participant again: still one
        Sent marker = pledge(cityId, "INDIVIDUAL", "I.1.1", "0.000001");
        awaitPledgeCount(cityId, 5);
        http.get().uri("/api/v1/cities/{id}/contributions", cityId).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.participantCount").isEqualTo(2);
        assertThat(marker.key()).isEqualTo(cityId);
    }

    @Test
    void publicBreakdownsShowOnlyGroupsOfFiveOrMoreParticipants() {
        String cityId = unique("seoul");
        city(cityId, "Seoul", "KR", 9_386_034, 1);
        for (int i = 0; i < 5; i++) {
            pledgeBy("household-" + i, cityId, "HOUSEHOLD", "I.1.1", "1");
        }
        pledgeBy("household-0", cityId, "HOUSEHOLD", "I.1.1", "1");           // a participant's second pledge
        for (int i = 0; i < 6; i++) {
            pledgeBy("school-" + i, cityId, "SCHOOL", "II.1.1", "2");
        }
        pledgeBy("business-0", cityId, "BUSINESS", "III.1.1", "30");
        pledgeBy("business-1", cityId, "BUSINESS", "III.1.1", "40");
        pledgeBy("community-0", cityId, "COMMUNITY_GROUP", "III.1.1", "3");
        awaitPledgeCount(cityId, 15);

        http.get().uri("/api/v1/cities/{id}/contributions", cityId).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.pledgeCount").isEqualTo(15)
                .jsonPath("$.participantCount").isEqualTo(14)
                .jsonPath("$.pledgedTco2ePerYear").isEqualTo(91.0)      // the small groups' 73 t counted
                .jsonPath("$.byStakeholderType.HOUSEHOLD.pledgeCount").isEqualTo(6)
                .jsonPath("$.byStakeholderType.HOUSEHOLD.participantCount").isEqualTo(5)
                .jsonPath("$.byStakeholderType.SCHOOL.pledgedTco2ePerYear").isEqualTo(12.0)
                .jsonPath("$.byStakeholderType.BUSINESS").doesNotExist()
                .jsonPath("$.byStakeholderType.COMMUNITY_GROUP").doesNotExist()
                // sector III (businesses and the community group) is the only small sector; sector I, the next
                // smallest, goes with it, or 91 - 12 - 6 would give sector III's 73 t away
                .jsonPath("$.bySector.II.participantCount").isEqualTo(6)
                .jsonPath("$.bySector.I").doesNotExist()
                .jsonPath("$.bySector.III").doesNotExist();
        http.get().uri("/api/v1/countries/KR/contributions").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.byStakeholderType.BUSINESS").doesNotExist();
        // the view counts them all: 2 business participants, exactly
        assertThat(store().find(cityId).orElseThrow().byStakeholderType().get(StakeholderType.BUSINESS))
                .isEqualTo(new CityContribution.Tally(2, 70_000_000, 2));
    }

    private static Sent pledgeBy(String participant, String cityId, String stakeholderType, String gpcRef, String tco2e) {
        Sent plain = pledge(cityId, stakeholderType, gpcRef, tco2e, false);
        Sent named = new Sent(plain.topic(), plain.key(), plain.headers(), new String(plain.value(), StandardCharsets.UTF_8)
                .replace("\"cityId\":", "\"participantId\":\"dev1:" + participant + "\",\"cityId\":")
                .getBytes(StandardCharsets.UTF_8));
        write(named);
        return named;
    }

    /** Dead letters and rebuilds are for admins only; the views are public reads. */
    @Test
    void operationsNeedAnAdminsTokenAndViewsNone() {
        for (String authorization : List.of("", Tokens.resident("alice"), Tokens.officer("seoul"))) {
            int status = authorization.isEmpty() ? 401 : 403;
            http.get().uri("/api/v1/admin/dead-letters").header(HttpHeaders.AUTHORIZATION, authorization).exchange()
                    .expectStatus().isEqualTo(status)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo("Authorization");
            http.post().uri("/api/v1/admin/rebuilds").header(HttpHeaders.AUTHORIZATION, authorization).exchange()
                    .expectStatus().isEqualTo(status);
            http.post().uri("/api/v1/admin/dead-letters/redrive").header(HttpHeaders.AUTHORIZATION, authorization)
                    .exchange().expectStatus().isEqualTo(status);
        }
        http.get().uri("/api/v1/admin/dead-letters").header(HttpHeaders.AUTHORIZATION, Tokens.admin()).exchange()
                .expectStatus().isOk();
        // an admin whose client cannot read JSON is told so before anything starts (the mapping refuses it)
        for (String path : List.of("/api/v1/admin/rebuilds", "/api/v1/admin/dead-letters/redrive")) {
            http.post().uri(path).header(HttpHeaders.AUTHORIZATION, Tokens.admin()).header(HttpHeaders.ACCEPT, "application/xml")
                    .exchange().expectStatus().isEqualTo(406)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo("Accept");
        }
        RestTestClient anonymous = RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
        anonymous.get().uri("/api/v1/contributions/global").exchange().expectStatus().isOk();
        anonymous.get().uri("/api/v1/cities/contributions").exchange().expectStatus().isOk();
    }

    /**
     * Health and its probe groups are public (probes, load balancers); every other actuator endpoint wants
     * the monitoring role (Prometheus's token, by client credentials) or an admin.
     */
    @Test
    void onlyHealthIsPublicAndTheOtherActuatorEndpointsWantTheMonitoringRole() {
        ActuatorAccess.assertOnlyHealthIsPublic("http://127.0.0.1:" + port);
    }
}
