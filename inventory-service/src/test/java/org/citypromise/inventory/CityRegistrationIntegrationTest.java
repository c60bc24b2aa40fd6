package org.citypromise.inventory;

import org.bson.Document;
import org.citypromise.backbone.EventContract;
import org.citypromise.backbone.TopicTail;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** inventory-service against a real broker and the MongoDB protocol: what a client and a subscriber see. */
class CityRegistrationIntegrationTest extends InventoryServiceIntegrationTest {

    private static String uniqueCity(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void registeringACityStoresItAndAnnouncesItAsACloudEvent() {
        String cityId = uniqueCity("seoul");

        // the client's W3C trace context, as a browser or a mobile SDK sends it
        String traceId = UUID.randomUUID().toString().replace("-", "");
        http.put().uri("/api/v1/cities/{id}", cityId).contentType(MediaType.APPLICATION_JSON)
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .body("{\"name\":\"Seoul\",\"countryCode\":\"KR\",\"population\":9386034}")
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().valueEquals("ETag", "\"1\"")
                .expectBody()
                .jsonPath("$.cityId").isEqualTo(cityId)
                .jsonPath("$.name").isEqualTo("Seoul")
                .jsonPath("$.countryCode").isEqualTo("KR")
                .jsonPath("$.population").isEqualTo(9386034)
                .jsonPath("$.version").isEqualTo(1);

        List<TopicTail.Event> events = inventoryEvents.awaitKey(cityId, 1, Duration.ofSeconds(20));
        assertThat(events).hasSize(1);
        TopicTail.Event event = events.get(0);
        // CloudEvents 1.0 Kafka binary mode, and nothing of Spring's internals on the wire
        assertThat(event.headers()).containsOnlyKeys("ce_specversion", "ce_id", "ce_source", "ce_type", "ce_subject",
                "ce_time", "content-type", "traceparent");
        // the event continues the request's trace: consumers' work joins it
        assertThat(event.header("traceparent")).matches("00-" + traceId + "-[0-9a-f]{16}-01");
        assertThat(event.header("ce_specversion")).isEqualTo("1.0");
        assertThat(event.header("ce_type")).isEqualTo("org.citypromise.inventory.city-registered.v1");
        assertThat(event.header("ce_source")).isEqualTo("/citypromise/inventory-service");
        assertThat(event.header("ce_subject")).isEqualTo("cities/" + cityId);
        assertThat(event.header("ce_id")).isNotBlank();
        assertThat(event.header("ce_time")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(event.value()).contains("\"cityId\":\"" + cityId + "\"", "\"population\":9386034",
                "\"version\":1");
        assertThat(EventContract.own("city-registered.v1").violations(event.value())).isEmpty();

        // Once published, the event leaves the city's outbox.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(database.getCollection("cities").find(new Document("_id", cityId)).first()
                        .getList("outbox", Document.class)).isEmpty());
    }

    /** A client that cannot read JSON gets its 406 before the registration is made, not after. */
    @Test
    void aRegistrationWhoseAnswerTheClientCannotReadIsRefusedBeforeItIsMade() {
        String cityId = uniqueCity("busan");
        for (String accept : List.of("application/xml", "text/html", "image/png")) {
            http.put().uri("/api/v1/cities/{id}", cityId).contentType(MediaType.APPLICATION_JSON).header("Accept", accept)
                    .body("{\"name\":\"Busan\",\"countryCode\":\"KR\",\"population\":3293362}")
                    .exchange()
                    .expectStatus().isEqualTo(406)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo("Accept");
        }
        assertThat(database.getCollection("cities").countDocuments(new Document("_id", cityId))).isZero();
        assertThat(inventoryEvents.all(Duration.ofSeconds(1))).noneMatch(event -> cityId.equals(event.key()));
    }

    @Test
    void reRegisteringTheSameCityChangesNothingAndAChangeIsANewVersion() {
        String cityId = uniqueCity("hanoi");
        String body = "{\"name\":\"Hanoi\",\"countryCode\":\"VN\",\"population\":8053663}";
        http.put().uri("/api/v1/cities/{id}", cityId).contentType(MediaType.APPLICATION_JSON).body(body)
                .exchange().expectStatus().isCreated();
        http.put().uri("/api/v1/cities/{id}", cityId).contentType(MediaType.APPLICATION_JSON).body(body)
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(1);
        http.put().uri("/api/v1/cities/{id}", cityId).contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\":\"Hà Nội\",\"countryCode\":\"VN\",\"population\":8500000}")
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(2);

        List<TopicTail.Event> events = inventoryEvents.awaitKey(cityId, 2, Duration.ofSeconds(20));
        assertThat(events).extracting(TopicTail.Event::value)
                .satisfiesExactly(
                        first -> assertThat(first).contains("\"version\":1", "\"name\":\"Hanoi\""),
                        second -> assertThat(second).contains("\"version\":2", "\"name\":\"Hà Nội\""));
        // and no third event for the repeated registration
        assertThat(inventoryEvents.all(Duration.ofMillis(500))).filteredOn(e -> cityId.equals(e.key())).hasSize(2);

        http.get().uri("/api/v1/cities/{id}", cityId).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"2\"")
                .expectBody().jsonPath("$.population").isEqualTo(8500000);
    }

    @Test
    void invalidRegistrationsAreRefusedNamingTheFieldAndNothingIsStoredOrPublished() {
        String cityId = uniqueCity("jakarta");
        record Case(String path, String body, String field) {
        }
        List<Case> cases = List.of(
                new Case(cityId, "{\"countryCode\":\"ID\",\"population\":10562088}", "name"),
                new Case(cityId, "{\"name\":\"Jakarta\",\"countryCode\":\"XX\",\"population\":10562088}", "countryCode"),
                new Case(cityId, "{\"name\":\"Jakarta\",\"countryCode\":\"ID\",\"population\":-5}", "population"),
                new Case(cityId, "{\"name\":\"Jakarta\",\"countryCode\":\"ID\",\"population\":1.5}", "population"),
                new Case(cityId, "{\"name\":\"Jakarta\",\"countryCode\":\"ID\",\"population\":\"many\"}", "population"),
                new Case(cityId, "{\"name\":\"Jakarta\",\"countryCode\":\"ID\",\"population\":10562088,\"mayor\":\"x\"}", "mayor"),
                new Case(cityId, "{\"name\":\"Jakarta\",", "body"),
                new Case("Jakarta_City", "{\"name\":\"Jakarta\",\"countryCode\":\"ID\",\"population\":10562088}", "cityId"));

        for (Case c : cases) {
            http.put().uri("/api/v1/cities/{id}", c.path()).contentType(MediaType.APPLICATION_JSON).body(c.body())
                    .exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.status").isEqualTo(400)
                    .jsonPath("$.title").isEqualTo("Invalid input")
                    .jsonPath("$.errors[0].field").isEqualTo(c.field())
                    .jsonPath("$.errors[0].reason").isNotEmpty();
        }

        http.get().uri("/api/v1/cities/{id}", cityId).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(database.getCollection("cities").countDocuments(new Document("_id", cityId))).isZero();
        assertThat(inventoryEvents.all(Duration.ofSeconds(1)))
                .noneMatch(e -> cityId.equals(e.key()) || "Jakarta_City".equals(e.key()));
    }

    @Test
    void citiesAreListedAPageAtATime() {
        for (String name : List.of("alpha", "beta", "gamma")) {
            http.put().uri("/api/v1/cities/{id}", uniqueCity("page-" + name)).contentType(MediaType.APPLICATION_JSON)
                    .body("{\"name\":\"" + name + "\",\"countryCode\":\"PH\",\"population\":1000}")
                    .exchange().expectStatus().isCreated();
        }
        http.get().uri("/api/v1/cities?page=0&size=2").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.items.length()").isEqualTo(2)
                .jsonPath("$.size").isEqualTo(2)
                .jsonPath("$.totalItems").value(total -> assertThat(((Number) total).longValue()).isGreaterThanOrEqualTo(3));
        http.get().uri("/api/v1/cities?size=0").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("size");
    }

    @Test
    void theOpenApiDocumentDescribesTheApi() {
        http.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.info.title").isEqualTo("CityPromise inventory-service")
                .jsonPath("$.paths['/api/v1/cities/{cityId}/inventories/{year}']").exists();
    }
}
