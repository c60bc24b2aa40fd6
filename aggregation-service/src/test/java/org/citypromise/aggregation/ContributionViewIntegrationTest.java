package org.citypromise.aggregation;

import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.citypromise.aggregation.domain.GpcSector;
import org.citypromise.aggregation.domain.PledgeContribution;
import org.citypromise.aggregation.domain.StakeholderType;
import org.citypromise.aggregation.messaging.AggregationTopics;
import org.citypromise.aggregation.store.ContributionStore;
import org.citypromise.backbone.BackboneInitializer;
import org.citypromise.backbone.TopicWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** aggregation-service fed through a real broker, its views in the MongoDB protocol, read over HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = BackboneInitializer.class)
class ContributionViewIntegrationTest {

    private static TopicWriter writer;

    @LocalServerPort
    int port;
    @Autowired
    ContributionStore store;
    @Autowired
    MongoDatabase database;

    RestTestClient http;

    @BeforeAll
    static void connect() {
        writer = TopicWriter.toBackbone();
    }

    @AfterAll
    static void disconnect() {
        writer.close();
    }

    @BeforeEach
    void client() {
        http = RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
    }

    private static String unique(String city) {
        return city + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Map<String, String> headers(String type, String id, String subject) {
        return Map.of("ce_specversion", "1.0", "ce_id", id, "ce_type", type, "ce_subject", subject,
                "ce_time", "2026-11-24T10:00:00Z", "ce_source", "/test");
    }

    private void city(String cityId, String name, long population, long version) {
        writer.write(AggregationTopics.INVENTORY_EVENTS, cityId,
                headers(AggregationTopics.CITY_REGISTERED, UUID.randomUUID().toString(), "cities/" + cityId),
                "{\"cityId\":\"%s\",\"name\":\"%s\",\"countryCode\":\"PH\",\"population\":%d,\"version\":%d,\"changedAt\":\"2026-11-24T10:00:00Z\"}"
                        .formatted(cityId, name, population, version));
    }

    /** Writes a pledge event; returns its ce_id and body so that a test can write it again. */
    private String[] pledge(String cityId, String stakeholderType, String gpcRef, String tco2e) {
        String pledgeId = UUID.randomUUID().toString();
        String body = ("{\"pledgeId\":\"%s\",\"cityId\":\"%s\",\"stakeholderType\":\"%s\",\"actionCode\":\"X\","
                + "\"pledgeArea\":\"ENERGY\",\"gpcRef\":\"%s\",\"scope\":1,\"quantity\":1,\"unit\":\"kg/yr\","
                + "\"emissionFactor\":{\"value\":1,\"unit\":\"kgCO2/kg\",\"source\":\"test\"},"
                + "\"estimatedTco2ePerYear\":%s,\"status\":\"ACTIVE\",\"version\":1,\"pledgedAt\":\"2026-11-24T10:00:00Z\"}")
                .formatted(pledgeId, cityId, stakeholderType, gpcRef, tco2e);
        String eventId = UUID.randomUUID().toString();
        writer.write(AggregationTopics.PLEDGE_EVENTS, cityId,
                headers(AggregationTopics.PLEDGE_SUBMITTED, eventId, "pledges/" + pledgeId), body);
        return new String[] {eventId, body, pledgeId};
    }

    private void awaitPledgeCount(String cityId, long count) {
        await().atMost(Duration.ofSeconds(30)).until(() ->
                store.find(cityId).map(view -> view.pledgeCount() == count).orElse(false));
    }

    @Test
    void aCitysViewSumsItsPledgesExactlyWithBreakdowns() {
        String cityId = unique("pasig");
        city(cityId, "Pasig City", 803159, 1);
        pledge(cityId, "HOUSEHOLD", "I.1.1", "0.358156");
        pledge(cityId, "HOUSEHOLD", "II.1.1", "0.920997");
        pledge(cityId, "BUSINESS", "I.2.1", "7.967343");
        awaitPledgeCount(cityId, 3);

        // 0.358156 + 0.920997 + 7.967343 = 9.246496 t; households 1.279153; sector I 8.325499
        http.get().uri("/api/v1/cities/{id}/contributions", cityId).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.cityId").isEqualTo(cityId)
                .jsonPath("$.name").isEqualTo("Pasig City")
                .jsonPath("$.countryCode").isEqualTo("PH")
                .jsonPath("$.pledgeCount").isEqualTo(3)
                .jsonPath("$.pledgedTco2ePerYear").isEqualTo(9.246496)
                .jsonPath("$.byStakeholderType.HOUSEHOLD.pledgeCount").isEqualTo(2)
                .jsonPath("$.byStakeholderType.HOUSEHOLD.pledgedTco2ePerYear").isEqualTo(1.279153)
                .jsonPath("$.byStakeholderType.BUSINESS.pledgedTco2ePerYear").isEqualTo(7.967343)
                .jsonPath("$.bySector.I.pledgeCount").isEqualTo(2)
                .jsonPath("$.bySector.I.pledgedTco2ePerYear").isEqualTo(8.325499)
                .jsonPath("$.bySector.II.pledgedTco2ePerYear").isEqualTo(0.920997);
    }

    @Test
    void theSameEventsPublishedAgainAtNewOffsetsChangeNothing() {
        String cityId = unique("hanoi");
        city(cityId, "Hanoi", 8053663, 1);
        String[] first = pledge(cityId, "SCHOOL", "III.2.1", "1.5");
        pledge(cityId, "INDIVIDUAL", "II.1.1", "0.25");
        awaitPledgeCount(cityId, 2);

        // As an outbox relay does after a crash between the broker's ack and removing the entry:
        writer.write(AggregationTopics.PLEDGE_EVENTS, cityId,
                headers(AggregationTopics.PLEDGE_SUBMITTED, first[0], "pledges/" + first[2]), first[1]);
        String marker = unique("marker");
        city(cityId, "Hanoi", 8053663, 1);                       // a repeated city event, too
        pledge(marker, "HOUSEHOLD", "I.1.1", "1");              // then something else, to know the repeats were read
        awaitPledgeCount(marker, 1);

        var view = store.find(cityId).orElseThrow();
        assertThat(view.pledgeCount()).isEqualTo(2);
        assertThat(view.pledgedGramsPerYear()).isEqualTo(1_750_000L);
    }

    @Test
    void pledgesArrivingBeforeTheirCityStillCountAndOlderCityVersionsAreIgnored() {
        String cityId = unique("jakarta");
        pledge(cityId, "COMMUNITY_GROUP", "V.2", "3");
        awaitPledgeCount(cityId, 1);
        assertThat(store.find(cityId).orElseThrow().name()).isNull();

        city(cityId, "Jakarta", 10_562_088, 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> "Jakarta".equals(store.find(cityId).orElseThrow().name()));
        city(cityId, "Batavia", 1, 1);
        String marker = unique("marker");
        city(marker, "Marker", 1, 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> store.find(marker).isPresent());

        var view = store.find(cityId).orElseThrow();
        assertThat(view.name()).isEqualTo("Jakarta");
        assertThat(view.population()).isEqualTo(10_562_088L);
        assertThat(view.pledgeCount()).isEqualTo(1);
    }

    @Test
    void unreadableAndUnknownEventsAreSkippedAndConsumptionGoesOn() {
        String cityId = unique("seoul");
        writer.write(AggregationTopics.PLEDGE_EVENTS, cityId,
                headers(AggregationTopics.PLEDGE_SUBMITTED, UUID.randomUUID().toString(), "pledges/x"), "{not json");
        writer.write(AggregationTopics.PLEDGE_EVENTS, cityId,
                headers("org.citypromise.pledge.pledge-teleported.v9", UUID.randomUUID().toString(), "pledges/y"),
                "{\"pledgeId\":\"y\"}");
        pledge(cityId, "PUBLIC_INSTITUTION", "I.1.2", "2.000001");
        awaitPledgeCount(cityId, 1);
        assertThat(store.find(cityId).orElseThrow().pledgedGramsPerYear()).isEqualTo(2_000_001L);
    }

    @Test
    void aRecordRedeliveredAtItsOffsetIsCountedOnceEvenAfterACrashBetweenTheTwoWrites() {
        String cityId = unique("redelivered");
        var position = new ContributionStore.Position("pledge-events", 99, 41);
        var pledge = new PledgeContribution(UUID.randomUUID().toString(), 1, cityId, StakeholderType.HOUSEHOLD,
                GpcSector.I, 1_000L);

        assertThat(store.applyPledge(pledge, position, Instant.now())).isEqualTo(ContributionStore.Outcome.APPLIED);
        assertThat(store.applyPledge(pledge, position, Instant.now())).isEqualTo(ContributionStore.Outcome.STALE);
        // The crash: the city view took the record, the pledge record was never written.
        database.getCollection("pledges").deleteOne(new Document("_id", pledge.pledgeId()));
        assertThat(store.applyPledge(pledge, position, Instant.now()))
                .isEqualTo(ContributionStore.Outcome.ALREADY_APPLIED);
        assertThat(database.getCollection("pledges").countDocuments(new Document("_id", pledge.pledgeId()))).isEqualTo(1);

        var next = new PledgeContribution(UUID.randomUUID().toString(), 1, cityId, StakeholderType.HOUSEHOLD,
                GpcSector.I, 500L);
        assertThat(store.applyPledge(next, new ContributionStore.Position("pledge-events", 99, 42), Instant.now()))
                .isEqualTo(ContributionStore.Outcome.APPLIED);
        var view = store.find(cityId).orElseThrow();
        assertThat(view.pledgeCount()).isEqualTo(2);
        assertThat(view.pledgedGramsPerYear()).isEqualTo(1_500L);
    }

    @Test
    void unknownAndMalformedCitiesGetProblems() {
        http.get().uri("/api/v1/cities/{id}/contributions", unique("atlantis")).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("cityId");
        http.get().uri("/api/v1/cities/{id}/contributions", "Not_A_Slug").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("cityId");
        http.get().uri("/api/v1/cities/contributions?size=500").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("size");
        http.get().uri("/api/v1/cities/contributions?page=x").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("page");
    }
}
