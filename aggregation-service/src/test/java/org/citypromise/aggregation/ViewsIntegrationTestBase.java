package org.citypromise.aggregation;

import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoDatabase;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.citypromise.aggregation.domain.CityContribution;
import org.citypromise.aggregation.domain.Outcome;
import org.citypromise.aggregation.domain.Position;
import org.citypromise.aggregation.messaging.AggregationTopics;
import org.citypromise.aggregation.messaging.EventReader;
import org.citypromise.aggregation.store.ContributionStore;
import org.citypromise.aggregation.domain.ViewEvent;
import org.citypromise.aggregation.store.ViewGenerations;
import org.citypromise.backbone.ActingUser;
import org.citypromise.backbone.Backbone;
import org.citypromise.backbone.BackboneInitializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
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
 * The base of the tests of aggregation-service fed through a real broker, its views in the MongoDB protocol,
 * read over HTTP: one application context, shared by the test classes (one per subject), and the means to
 * write records as a producer would.
 *
 * <p>Records are written with a plain Kafka producer, CloudEvent attributes as raw UTF-8 headers, as
 * another service would. Where a test must know that the broker delivered a record that changes
 * nothing, it writes a marker after it with the same key: same partition, so handled after it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "citypromise.aggregation.store-retry.initial-interval=200ms",
        "citypromise.aggregation.store-retry.max-interval=1s"})
@ContextConfiguration(initializers = BackboneInitializer.class)
@Import({ViewsIntegrationTestBase.StoreOutages.class, ProducerTopics.class})
abstract class ViewsIntegrationTestBase {

    static final Duration DELIVERY = Duration.ofSeconds(30);

    static KafkaProducer<String, byte[]> producer;

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
    ContributionStore store() {
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

    static RecordMetadata write(Sent record) {
        ProducerRecord<String, byte[]> kafka = new ProducerRecord<>(record.topic(), record.key(), record.value());
        record.headers().forEach((name, text) -> kafka.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
        try {
            return producer.send(kafka).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("broker did not take the record", e);
        }
    }

    static String unique(String city) {
        return city + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Map<String, String> headers(String type, String subject) {
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

    static Sent city(String key, String cityId, String name, String countryCode, long population, long version) {
        Sent sent = new Sent(AggregationTopics.INVENTORY_EVENTS, key,
                headers(AggregationTopics.CITY_REGISTERED, "cities/" + cityId),
                ("{\"cityId\":\"%s\",\"name\":\"%s\",\"countryCode\":\"%s\",\"population\":%d,\"version\":%d,"
                        + "\"changedAt\":\"2026-11-24T10:00:00Z\"}")
                        .formatted(cityId, name, countryCode, population, version).getBytes(StandardCharsets.UTF_8));
        write(sent);
        return sent;
    }

    static Sent city(String cityId, String name, String countryCode, long population, long version) {
        return city(cityId, cityId, name, countryCode, population, version);
    }

    static Sent pledge(String cityId, String stakeholderType, String gpcRef, String tco2e) {
        return pledge(cityId, stakeholderType, gpcRef, tco2e, true);
    }

    static Sent pledge(String cityId, String stakeholderType, String gpcRef, String tco2e, boolean send) {
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

    CityContribution awaitPledgeCount(String cityId, long count) {
        await().atMost(DELIVERY).until(() -> store().find(cityId).map(view -> view.pledgeCount() >= count).orElse(false));
        CityContribution view = store().find(cityId).orElseThrow();
        assertThat(view.pledgeCount()).isEqualTo(count);
        return view;
    }

    void awaitView(String cityId) {
        await().atMost(DELIVERY).until(() -> store().find(cityId).isPresent());
    }
}
