package org.citypromise.pledge;

import io.micrometer.core.instrument.Counter;
import org.bson.Document;
import org.citypromise.backbone.EventContract;
import org.citypromise.backbone.Tokens;
import org.citypromise.backbone.TopicTail;
import org.citypromise.pledge.messaging.PledgeEvents;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** pledge-service on a real broker and the MongoDB protocol, seen from a client and a subscriber. */
class PledgeIntegrationTest extends PledgeServiceIntegrationTest {

    private RestTestClient.ResponseSpec pledge(String cityId, String body, String idempotencyKey) {
        var request = http.post().uri("/api/v1/cities/{city}/pledges", cityId).contentType(MediaType.APPLICATION_JSON);
        if (idempotencyKey != null) {
            request = request.header("Idempotency-Key", idempotencyKey);
        }
        return request.body(body).exchange();
    }

    @Test
    void aPledgeIsEstimatedStoredAndAnnouncedWithoutPersonalData() {
        String cityId = registeredCity("pasig");
        AtomicReference<String> id = new AtomicReference<>();

        pledge(cityId, "{\"stakeholderType\":\"HOUSEHOLD\",\"actionCode\":\"COOKING_LPG_REDUCTION\",\"quantity\":120}", null)
                .expectStatus().isCreated()
                .expectHeader().valueEquals("ETag", "\"1\"")
                .expectHeader().value("Location", location ->
                        assertThat(location).matches("http://127\\.0\\.0\\.1:\\d+/api/v1/pledges/[0-9a-f-]{36}"))
                .expectBody()
                .jsonPath("$.id").value(value -> id.set((String) value))
                .jsonPath("$.cityId").isEqualTo(cityId)
                .jsonPath("$.estimatedTco2ePerYear").isEqualTo(0.358156)
                .jsonPath("$.emissionFactor.value").isEqualTo(2.98463)
                .jsonPath("$.emissionFactor.source").value(source -> assertThat((String) source).contains("IPCC 2006"))
                .jsonPath("$.gpcRef").isEqualTo("I.1.1")
                .jsonPath("$.status").isEqualTo("ACTIVE");

        http.get().uri("/api/v1/pledges/{id}", id.get()).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.quantity").isEqualTo(120).jsonPath("$.unit").isEqualTo("kg/yr");

        List<TopicTail.Event> events = pledgeEvents.awaitKey(cityId, 1, Duration.ofSeconds(20));
        assertThat(events).hasSize(1);
        TopicTail.Event event = events.get(0);
        // CloudEvents 1.0 Kafka binary mode, and nothing of Spring's internals on the wire
        assertThat(event.headers()).containsOnlyKeys("ce_specversion", "ce_id", "ce_source", "ce_type", "ce_subject",
                "ce_time", "content-type", "traceparent");
        // W3C trace context of the request that took the pledge (a new trace: this client sent none)
        assertThat(event.header("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        assertThat(event.header("ce_type")).isEqualTo(PledgeEvents.PLEDGE_SUBMITTED);
        assertThat(event.header("ce_source")).isEqualTo(PledgeEvents.SOURCE);
        assertThat(event.header("ce_subject")).isEqualTo("pledges/" + id.get());
        assertThat(event.header("ce_specversion")).isEqualTo("1.0");
        assertThat(event.value()).contains("\"pledgeId\":\"" + id.get() + "\"", "\"estimatedTco2ePerYear\":0.358156");
        assertThat(EventContract.own("pledge-submitted.v1").violations(event.value())).isEmpty();
    }

    @Test
    void theTopicThisServiceDeclaresKeepsItsWholeHistoryForRebuilds() throws Exception {
        registeredCity("osaka"); // consuming has started: the topics are in place by now
        try (var admin = org.apache.kafka.clients.admin.AdminClient.create(java.util.Map.of(
                "bootstrap.servers", org.citypromise.backbone.Backbone.get().kafkaBootstrapServers()))) {
            var resource = new org.apache.kafka.common.config.ConfigResource(
                    org.apache.kafka.common.config.ConfigResource.Type.TOPIC, PledgeEvents.TOPIC);
            var config = admin.describeConfigs(List.of(resource)).all().get(30, java.util.concurrent.TimeUnit.SECONDS)
                    .get(resource);
            assertThat(config.get("retention.ms").value()).isEqualTo("-1");
            assertThat(config.get("retention.bytes").value()).isEqualTo("-1");
            assertThat(admin.describeTopics(List.of(PledgeEvents.TOPIC)).allTopicNames()
                    .get(30, java.util.concurrent.TimeUnit.SECONDS).get(PledgeEvents.TOPIC).partitions()).hasSize(6);
        }
    }

    /** Each topic is declared by its producer only: inventory-events is inventory-service's, which we wait for. */
    @Test
    void thisServiceDeclaresOnlyTheTopicItProducesAndWaitsForTheOneItConsumes() {
        var declared = context.getBeansOfType(org.apache.kafka.clients.admin.NewTopic.class);
        declared.remove("inventoryEventsAsInventoryServiceDeclaresIt"); // the test's stand-in for inventory-service
        assertThat(declared.values()).extracting(org.apache.kafka.clients.admin.NewTopic::name)
                .containsExactly(PledgeEvents.TOPIC);
        assertThat(context.getBeansOfType(org.citypromise.kit.messaging.AwaitedTopics.class)).hasSize(1);
        assertThat(context.getEnvironment().getProperty("spring.cloud.stream.kafka.binder.auto-create-topics"))
                .isEqualTo("false");
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyReturnsTheSamePledgeAndADifferentBodyIsRefused() {
        String cityId = registeredCity("hanoi");
        String key = UUID.randomUUID().toString();
        String body = "{\"stakeholderType\":\"SCHOOL\",\"actionCode\":\"GENERATOR_DIESEL_REDUCTION\",\"quantity\":2500.5}";
        AtomicReference<String> first = new AtomicReference<>();

        pledge(cityId, body, key).expectStatus().isCreated()
                .expectHeader().valueEquals("Idempotent-Replayed", "false")
                .expectBody().jsonPath("$.id").value(v -> first.set((String) v))
                .jsonPath("$.estimatedTco2ePerYear").isEqualTo(7.967343);
        pledge(cityId, body, key).expectStatus().isCreated()
                .expectHeader().valueEquals("Idempotent-Replayed", "true")
                .expectBody().jsonPath("$.id").isEqualTo(first.get());
        pledge(cityId, body.replace("2500.5", "9"), key)
                .expectStatus().isEqualTo(422)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("Idempotency-Key");

        assertThat(database.getCollection("pledges").countDocuments(new Document("cityId", cityId))).isEqualTo(1);
        assertThat(pledgeEvents.all(Duration.ofSeconds(1))).filteredOn(e -> cityId.equals(e.key())).hasSize(1);
    }

    /**
     * A client that says it cannot take JSON gets its 406 before anything is done: a pledge made and then answered
     * 406 would be one the client believes refused (a retry made it twice, a progress retry got a 412).
     */
    @Test
    void aChangeWhoseAnswerTheClientCannotReadIsRefusedBeforeItIsMade() {
        String cityId = registeredCity("busan");
        String body = "{\"stakeholderType\":\"HOUSEHOLD\",\"actionCode\":\"COOKING_LPG_REDUCTION\",\"quantity\":40}";
        for (String accept : List.of("application/xml", "image/png", "text/html")) {
            http.post().uri("/api/v1/cities/{city}/pledges", cityId).contentType(MediaType.APPLICATION_JSON)
                    .header("Accept", accept).body(body).exchange()
                    .expectStatus().isEqualTo(406)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo("Accept");
        }
        assertThat(database.getCollection("pledges").countDocuments(new Document("cityId", cityId))).isZero();

        AtomicReference<String> id = new AtomicReference<>();
        pledge(cityId, body, null).expectStatus().isCreated().expectBody().jsonPath("$.id").value(v -> id.set((String) v));
        for (String change : List.of("progress", "withdrawal")) {
            http.post().uri("/api/v1/pledges/{id}/" + change, id.get()).contentType(MediaType.APPLICATION_JSON)
                    .header("If-Match", "\"1\"").header("Accept", "application/xml").body("{\"achievedQuantity\":10}")
                    .exchange().expectStatus().isEqualTo(406)
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo("Accept");
        }
        http.get().uri("/api/v1/pledges/{id}", id.get()).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.version").isEqualTo(1).jsonPath("$.status").isEqualTo("ACTIVE");
        assertThat(pledgeEvents.all(Duration.ofSeconds(1))).filteredOn(e -> cityId.equals(e.key())).hasSize(1);
    }

    @Test
    void invalidPledgesAreRefusedNamingTheFieldAndNothingIsStoredOrPublished() {
        String cityId = registeredCity("jakarta");
        record Case(String city, String body, int status, String field) {
        }
        String unknownCity = "atlantis-" + UUID.randomUUID().toString().substring(0, 8);
        List<Case> cases = List.of(
                new Case(unknownCity, "{\"stakeholderType\":\"HOUSEHOLD\",\"actionCode\":\"COOKING_LPG_REDUCTION\",\"quantity\":1}", 404, "cityId"),
                new Case(unknownCity, "{\"stakeholderType\":\"HOUSEHOLD\",\"actionCode\":\"HOME_LED_LIGHTING\",\"quantity\":1}", 404, "cityId"),
                new Case(cityId, "{\"stakeholderType\":\"HOUSEHOLD\",\"actionCode\":\"COOKING_LPG_REDUCTION\"", 400, "body"),
                new Case(cityId, "{\"actionCode\":\"COOKING_LPG_REDUCTION\",\"quantity\":1}", 400, "stakeholderType"),
                new Case(cityId, "{\"stakeholderType\":\"HOUSEHOLD\",\"quantity\":1}", 400, "actionCode"),
                new Case(cityId, "{\"stakeholderType\":\"HOUSEHOLD\",\"actionCode\":\"COOKING_LPG_REDUCTION\",\"quantity\":-3}", 400, "quantity"),
                new Case(cityId, "{\"stakeholderType\":\"HOUSEHOLD\",\"actionCode\":\"COOKING_LPG_REDUCTION\",\"quantity\":1e300}", 400, "quantity"),
                new Case(cityId, "{\"stakeholderType\":\"HOUSEHOLD\",\"actionCode\":\"COOKING_LPG_REDUCTION\",\"quantity\":\"NaN\"}", 400, "quantity"),
                new Case(cityId, "{\"stakeholderType\":\"HOUSEHOLD\",\"actionCode\":\"TELEPORT\",\"quantity\":1}", 400, "actionCode"),
                new Case(cityId, "{\"stakeholderType\":\"HOUSEHOLD\",\"actionCode\":\"COOKING_LPG_REDUCTION\",\"quantity\":1,\"unit\":\"kWh/yr\"}", 400, "unit"),
                new Case(cityId, "{\"stakeholderType\":\"HOUSEHOLD\",\"actionCode\":\"COOKING_LPG_REDUCTION\",\"quantity\":1,\"name\":\"Kim\"}", 400, "name"),
                new Case(cityId, "{\"stakeholderType\":{\"$gt\":\"\"},\"actionCode\":\"COOKING_LPG_REDUCTION\",\"quantity\":1}", 400, "stakeholderType"));

        for (Case c : cases) {
            pledge(c.city(), c.body(), null)
                    .expectStatus().isEqualTo(c.status())
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.status").isEqualTo(c.status())
                    .jsonPath("$.errors[0].field").isEqualTo(c.field())
                    .jsonPath("$.errors[0].reason").isNotEmpty();
        }
        // a form body (JSON only) is a 415, even one whose form encoding is broken; a broken query value a 400
        for (String form : List.of("quantity=1", "quantity=%zz&%s%n=1")) {
            http.post().uri("/api/v1/cities/{city}/pledges", cityId).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body(form).exchange().expectStatus().isEqualTo(415)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo("Content-Type");
        }
        http.get().uri("/api/v1/cities/" + cityId + "/pledges?status=%zz").header("Authorization", Tokens.officer(cityId))
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("status");
        for (String notAnId : List.of("not-a-uuid", "1-1-1-1-1")) { // (UUID reads the second as 00000001-0001-...)
            http.get().uri("/api/v1/pledges/" + notAnId).exchange().expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo("id");
        }
        http.get().uri("/api/v1/pledges/{id}", UUID.randomUUID()).exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);

        assertThat(database.getCollection("pledges").countDocuments(
                new Document("cityId", new Document("$in", List.of(cityId, unknownCity))))).isZero();
        assertThat(pledgeEvents.all(Duration.ofSeconds(1)))
                .noneMatch(e -> cityId.equals(e.key()) || unknownCity.equals(e.key()));

        // the funnel counts the refusals that reached the intake, and never names a city nobody registered
        // six bodies were read and refused; the four that are not even readable JSON show as HTTP 400s only
        assertThat(meters.find("citypromise.pledges.received").tag("city", cityId).tag("outcome", "rejected")
                .tag("reason", "invalid").counters().stream().mapToDouble(Counter::count).sum()).isEqualTo(6);
        assertThat(meters.find("citypromise.pledges.received").tag("city", "unregistered")
                .tag("reason", "unknown-city").counter()).isNotNull();
        assertThat(meters.find("citypromise.pledges.received").tag("city", unknownCity).counters()).isEmpty();
    }

    @Test
    void aCitysPublishedFactorsAreUsedAndElectricityActionsWaitForItsGridFactor() {
        String cityId = registeredCity("seoul");
        String led = "{\"stakeholderType\":\"HOUSEHOLD\",\"actionCode\":\"HOME_LED_LIGHTING\",\"quantity\":1200}";
        pledge(cityId, led, null)
                .expectStatus().isEqualTo(422)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("actionCode");

        inventory.announce(cityId, PledgeEvents.EMISSION_FACTORS_PUBLISHED, "cities/" + cityId + "/emission-factors",
                "{\"cityId\":\"" + cityId + "\",\"version\":1,\"factors\":["
                        + "{\"code\":\"GRID_ELECTRICITY\",\"value\":0.4594,\"unit\":\"kgCO2e/kWh\",\"source\":\"city energy office\",\"year\":2023},"
                        + "{\"code\":\"LPG\",\"value\":3.0,\"unit\":\"kgCO2e/kg\",\"source\":\"city energy office\",\"year\":2023}],"
                        + "\"publishedAt\":\"2026-11-24T10:00:00Z\"}");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                knownCities.registered(cityId).flatMap(factors -> factors.factor("GRID_ELECTRICITY")).isPresent());

        // 1,200 kWh x 0.4594 = 551.28 kg
        pledge(cityId, led, null).expectStatus().isCreated().expectBody()
                .jsonPath("$.estimatedTco2ePerYear").isEqualTo(0.55128)
                .jsonPath("$.emissionFactor.origin").isEqualTo("CITY")
                .jsonPath("$.emissionFactor.year").isEqualTo(2023)
                .jsonPath("$.scope").isEqualTo(2);
        // the city's LPG factor over the IPCC default: 120 kg x 3.0 = 360 kg
        pledge(cityId, "{\"stakeholderType\":\"HOUSEHOLD\",\"actionCode\":\"COOKING_LPG_REDUCTION\",\"quantity\":120}", null)
                .expectStatus().isCreated().expectBody()
                .jsonPath("$.estimatedTco2ePerYear").isEqualTo(0.36)
                .jsonPath("$.emissionFactor.code").isEqualTo("LPG")
                .jsonPath("$.emissionFactor.origin").isEqualTo("CITY");
        assertThat(pledgeEvents.awaitKey(cityId, 2, Duration.ofSeconds(20)))
                .allSatisfy(e -> assertThat(EventContract.own("pledge-submitted.v1").violations(e.value())).isEmpty());
    }

    @Test
    void theCatalogListsEachActionWithItsGpcRowUnitAndCitedFactor() {
        http.get().uri("/api/v1/actions").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.items.length()").isEqualTo(25)
                .jsonPath("$.items[?(@.code == 'HOME_LED_LIGHTING')].factorCode").isEqualTo(List.of("GRID_ELECTRICITY"))
                .jsonPath("$.items[?(@.code == 'COOKING_LPG_REDUCTION')].gpcRef").isEqualTo(List.of("I.1.1"))
                .jsonPath("$.items[?(@.defaultEmissionFactor)].defaultEmissionFactor.source").value(sources ->
                        assertThat((List<?>) sources).allSatisfy(s -> assertThat((String) s).startsWith("IPCC 2006")));
    }

    @Test
    void theOpenApiDocumentDescribesTheApi() {
        http.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.info.title").isEqualTo("CityPromise pledge-service")
                .jsonPath("$.paths['/api/v1/pledges/{id}/progress']").exists();
    }

    @Test
    void aParticipantIsKnownOutsideOnlyByAPseudonymTheSameForEachOfTheirPledges() {
        String cityId = registeredCity("hanoi");
        String body = "{\"stakeholderType\":\"HOUSEHOLD\",\"actionCode\":\"COOKING_LPG_REDUCTION\",\"quantity\":%s,"
                + "\"participantRef\":\"resident-kim-0042\"}";
        pledge(cityId, body.formatted(10), null).expectStatus().isCreated();
        pledge(cityId, body.formatted(20), null).expectStatus().isCreated();
        pledge(cityId, body.formatted(30).replace("resident-kim-0042", "   "), null)
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("participantRef");

        List<TopicTail.Event> events = pledgeEvents.awaitKey(cityId, 2, Duration.ofSeconds(20));
        assertThat(events).hasSize(2).allSatisfy(event -> {
            assertThat(event.value()).doesNotContain("resident-kim-0042")
                    .containsPattern("\"participantId\":\"dev1:[0-9a-f]{64}\"");
            assertThat(EventContract.own("pledge-submitted.v1").violations(event.value())).isEmpty();
        });
        String pseudonym = events.get(0).value().replaceAll(".*\"participantId\":\"([^\"]+)\".*", "$1");
        assertThat(events.get(1).value()).contains(pseudonym);
    }
}
