package org.citypromise.inventory;

import com.mongodb.client.model.Filters;
import com.nimbusds.jwt.JWTClaimsSet;
import org.bson.Document;
import org.citypromise.backbone.FuzzRun;
import org.citypromise.backbone.HostileRequests;
import org.citypromise.backbone.Tokens;
import org.citypromise.backbone.HostileRequests.BodySpec;
import org.citypromise.backbone.HostileRequests.Kind;
import org.citypromise.backbone.HostileRequests.Obj;
import org.citypromise.backbone.HostileRequests.Request;
import org.citypromise.backbone.HostileRequests.Slot;
import org.citypromise.backbone.HostileRequests.Summary;
import org.citypromise.inventory.domain.Gas;
import org.citypromise.inventory.domain.GpcRow;
import org.citypromise.inventory.domain.GpcTable;
import org.citypromise.inventory.messaging.InventoryEvents;
import org.citypromise.backbone.TestTokenIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citypromise.backbone.HostileRequests.pick;

/**
 * Abuse and hostile input: request bodies above the limit are refused with 413 unread, and every write
 * endpoint is fuzzed with thousands of malformed or hostile requests (see {@link HostileRequests}): none
 * gets a 5xx or an answer other than a problem, and nothing is stored or published.
 */
class HostileInputIntegrationTest extends InventoryServiceIntegrationTest {

    private static final String CITY = "{\"name\":\"Fuzz City\",\"countryCode\":\"KR\",\"population\":1000000}";

    @Value("${citypromise.max-request-body-bytes}")
    int maxBodyBytes;

    private String cityId;

    @BeforeEach
    void registeredCity() {
        cityId = "fuzz-" + UUID.randomUUID().toString().substring(0, 8);
        http.put().uri("/api/v1/cities/{id}", cityId).contentType(MediaType.APPLICATION_JSON).body(CITY).exchange()
                .expectStatus().isCreated();
        assertThat(inventoryEvents.awaitKey(cityId, 1, Duration.ofSeconds(20))).hasSize(1);
    }

    // ------------------------------------------------------------------ size limits

    @Test
    void bodiesAboveTheLimitAreRefusedWith413UnreadWithOrWithoutALengthAndNothingIsStored() throws Exception {
        Map<String, Long> before = stored();
        long publishedBefore = published();
        String huge = "{\"gwpSet\":\"AR5\",\"rows\":[" + "{\"gpcRef\":\"I.1.1\",\"tco2e\":1},".repeat(maxBodyBytes / 25)
                + "{\"gpcRef\":\"I.1.2\",\"tco2e\":1}]}";
        assertThat(huge.length()).isGreaterThan(maxBodyBytes);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        {
            for (boolean chunked : List.of(false, true)) {
                byte[] body = huge.getBytes(StandardCharsets.UTF_8);
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/api/v1/cities/" + cityId + "/inventories/2022"))
                        .header("Content-Type", "application/json").header("Authorization", Tokens.officer(cityId))
                        .PUT(chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                                : HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(chunked ? "chunked" : "with Content-Length").isEqualTo(413);
                assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                assertThat(HostileRequests.JSON.readTree(response.body()).path("errors").path(0).path("field").asString())
                        .isEqualTo("body");
                assertThat(HostileRequests.JSON.readTree(response.body()).path("status").asInt()).isEqualTo(413);
            }
        }
        TimeUnit.MILLISECONDS.sleep(600); // the outbox relay runs every 200 ms
        assertThat(stored()).isEqualTo(before);
        assertThat(published()).isEqualTo(publishedBefore);
    }

    /** The largest inventory there can be, every GPC row with every gas, is well within the limit. */
    @Test
    void theLargestLegitimateInventoryIsWellWithinTheLimit() {
        List<String> rows = new ArrayList<>();
        for (GpcRow row : GpcTable.rows()) {
            StringBuilder gases = new StringBuilder();
            for (Gas gas : Gas.values()) {
                gases.append(gases.isEmpty() ? "" : ",").append("\"").append(gas.jsonName()).append("\":1234567.123456");
            }
            rows.add("{\"gpcRef\":\"" + row.reference() + "\",\"gases\":{" + gases + "}}");
        }
        String largest = "{\"gwpSet\":\"AR6\",\"rows\":[\n  " + String.join(",\n  ", rows) + "\n]}";
        System.out.printf("The largest legitimate inventory: %d rows, %d bytes; the limit: %d bytes%n", rows.size(),
                largest.length(), maxBodyBytes);
        assertThat(largest.length() * 5).isLessThan(maxBodyBytes);
        http.put().uri("/api/v1/cities/{id}/inventories/2022", cityId).contentType(MediaType.APPLICATION_JSON)
                .body(largest).exchange().expectStatus().isCreated();
    }

    /** Odd numbers in otherwise valid bodies reach the store: each is stored as sent or refused, never a 5xx. */
    @Test
    void oddNumbersInValidBodiesAreStoredOrRefusedWithAProblemNeverA5xx() {
        for (String number : List.of("-0", "0", "1.5", "1e-400", "1E-2147483647", "4.9e-324", "1e3",
                "0.1234567890123456789012345678901234567890123", "1.000000000000000000000000000000000000001")) {
            for (String[] put : List.of(
                    new String[] {"/inventories/2022", "{\"gwpSet\":\"AR5\",\"rows\":[{\"gpcRef\":\"I.1.1\",\"gases\":{\"CO2\":"
                            + number + "}},{\"gpcRef\":\"I.1.2\",\"tco2e\":" + number + "}]}"},
                    new String[] {"/emission-factors", "{\"factors\":[{\"code\":\"GRID_ELECTRICITY\",\"value\":" + number
                            + ",\"unit\":\"kgCO2e/kWh\",\"source\":\"grid operator\",\"year\":2024}]}"},
                    new String[] {"/target", "{\"type\":\"FIXED_LEVEL\",\"targetYear\":2050,\"targetLevelTco2e\":" + number + "}"})) {
                var result = http.put().uri("/api/v1/cities/" + cityId + put[0]).contentType(MediaType.APPLICATION_JSON)
                        .body(put[1]).exchange().returnResult(String.class);
                int status = result.getStatus().value();
                assertThat(status).as(put[0] + " with " + number + ": " + result.getResponseBody()).isLessThan(500);
                if (status >= 400) {
                    assertThat(status).as(put[0] + " with " + number).isEqualTo(400);
                    assertThat(result.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
                }
            }
        }
    }

    // ------------------------------------------------------------------ the fuzz

    @Test
    void thousandsOfHostileRequestsToEveryWriteEndpointGetProblemsAndChangeNothing() throws Exception {
        FuzzRun fuzz = FuzzRun.start("inventory-service");
        TestTokenIssuer issuer = Tokens.issuer();
        String officer = Tokens.officer(cityId);
        JWTClaimsSet officerClaims = HostileRequests.claims(issuer, "officer-of-" + cityId, List.of("city-officer"),
                List.of(cityId));
        List<String> forged = HostileRequests.forgedAuthorizationsOf(issuer, officer, officerClaims);
        List<String> hostileClaims = HostileRequests.hostileClaimAuthorizations(issuer, officerClaims);
        List<String> wrongRole = List.of(Tokens.resident("alice"), Tokens.officer("another-city"), Tokens.admin(),
                HostileRequests.withClaim(issuer, officerClaims, "cities", List.of()),
                HostileRequests.withClaim(issuer, officerClaims, "cities", List.of(cityId.toUpperCase(), cityId + " ", "*")));
        List<String> oddButAccepted = HostileRequests.acceptedOddAuthorizations(issuer, officerClaims);
        // hostile city ids, each with a token of an officer of exactly that city, so that validation is reached
        Map<String, String> hostileCities = new LinkedHashMap<>();
        for (String hostile : HostileRequests.hostileIds("FUZZ", "fuzz\n", "fuzz--x", "fuzz.json", "fuzz;x=1", "fuzz%00",
                "fuzz%2F..")) {
            hostileCities.put(HostileRequests.segment(hostile), Tokens.officer(hostile));
        }
        List<String> newCities = List.of("fuzz-new-" + UUID.randomUUID().toString().substring(0, 8),
                "fuzz-new-" + UUID.randomUUID().toString().substring(0, 8));
        Map<String, String> newCityTokens = new LinkedHashMap<>();
        newCities.forEach(id -> newCityTokens.put(id, Tokens.officer(id)));

        record Endpoint(String name, String path, BodySpec body, List<String> wrongRoles,
                        Function<Random, String[]> breakingPath) {
        }
        Function<Random, String[]> hostileCity = random -> {
            String segment = pick(random, new ArrayList<>(hostileCities.keySet()));
            return new String[] {segment, hostileCities.get(segment)};
        };
        List<String> wrongForPublications = wrongRole;
        List<String> wrongForRegistration = wrongRole.stream().filter(t -> !t.equals(wrongRole.get(2))).toList(); // admins may
        List<Endpoint> endpoints = List.of(
                new Endpoint("PUT /api/v1/cities/{cityId}", "/api/v1/cities/%s",
                        new BodySpec(Obj.of("name", "Fuzz City", "countryCode", "KR", "population", 1000000),
                                List.of(Slot.text(120, true, "name"), Slot.of(Kind.ENUM, true, "countryCode"),
                                        Slot.of(Kind.INT, true, "population")), true),
                        wrongForRegistration, hostileCity),
                new Endpoint("PUT /api/v1/cities/{cityId}/inventories/{year}", "/api/v1/cities/%s/inventories/2022",
                        new BodySpec(Obj.of("gwpSet", "AR5", "rows", List.of(
                                Obj.of("gpcRef", "I.1.1", "tco2e", 1000),
                                Obj.of("gpcRef", "I.1.2", "gases", Obj.of("CO2", 10, "CH4", 1.5)),
                                Obj.of("gpcRef", "II.1.1", "notationKey", "NO"))),
                                List.of(Slot.of(Kind.ENUM, true, "gwpSet"), Slot.of(Kind.OBJECTS, true, "rows"),
                                        Slot.of(Kind.ENUM, true, "rows", 0, "gpcRef"), Slot.of(Kind.AMOUNT, true, "rows", 0, "tco2e"),
                                        Slot.of(Kind.ENUM, true, "rows", 1, "gpcRef"),
                                        Slot.of(Kind.AMOUNTS_BY_NAME, true, "rows", 1, "gases"),
                                        Slot.of(Kind.AMOUNT, false, "rows", 1, "gases", "CO2"),
                                        Slot.of(Kind.AMOUNT, false, "rows", 1, "gases", "CH4"),
                                        Slot.of(Kind.ENUM, true, "rows", 2, "gpcRef"),
                                        Slot.of(Kind.ENUM, true, "rows", 2, "notationKey")), true),
                        wrongForPublications, random -> random.nextBoolean() ? hostileCity.apply(random)
                        : new String[] {cityId + "/inventories/" + pick(random, List.of("twenty", "1e400", "99999999999999999999999",
                        "-1", "0", "2099", "1989", "%7B%22%24gt%22%3A%22%22%7D", "2022.5", "%24gt", "%3Cscript%3E", "2022a",
                        "null", "%00", "2022%0A")), officer}),
                new Endpoint("PUT /api/v1/cities/{cityId}/target", "/api/v1/cities/%s/target",
                        new BodySpec(Obj.of("type", "BASE_YEAR", "baseYear", 2005, "targetYear", 2030, "reductionPercent", 40,
                                "sectors", List.of("I", "II"), "gases", List.of("CO2", "CH4"), "boundary", "BASIC"),
                                List.of(Slot.of(Kind.ENUM, true, "type"), Slot.of(Kind.INT, true, "baseYear"),
                                        Slot.of(Kind.INT, true, "targetYear"), Slot.of(Kind.POSITIVE, true, "reductionPercent"),
                                        Slot.of(Kind.NAMES, false, "sectors"), Slot.of(Kind.NAMES, false, "gases"),
                                        Slot.of(Kind.ENUM, false, "boundary")), true),
                        wrongForPublications, hostileCity),
                new Endpoint("PUT /api/v1/cities/{cityId}/emission-factors", "/api/v1/cities/%s/emission-factors",
                        new BodySpec(Obj.of("factors", List.of(Obj.of("code", "GRID_ELECTRICITY", "value", 0.45,
                                "unit", "kgCO2e/kWh", "source", "grid operator", "year", 2024))),
                                List.of(Slot.of(Kind.OBJECTS, true, "factors"), Slot.of(Kind.ENUM, true, "factors", 0, "code"),
                                        Slot.of(Kind.AMOUNT, true, "factors", 0, "value"),
                                        Slot.of(Kind.ENUM, true, "factors", 0, "unit"),
                                        Slot.text(500, true, "factors", 0, "source"), Slot.of(Kind.INT, true, "factors", 0, "year")),
                                true),
                        wrongForPublications, hostileCity));

        List<Summary> summaries = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            boolean registration = endpoint.path().equals("/api/v1/cities/%s");
            Function<Random, Request> generator = random -> {
                String target = cityId;
                String authorization = officer;
                if (registration && random.nextInt(3) == 0) { // a city not registered yet: nothing may create it
                    target = pick(random, newCities);
                    authorization = newCityTokens.get(target);
                }
                Request request = new Request("PUT", String.format(endpoint.path(), target));
                request.headers.put("Content-Type", "application/json");
                request.headers.put("Authorization", authorization);
                HostileRequests.spice(random, request, oddButAccepted);
                int category = random.nextInt(100);
                request.body = HostileRequests.body(random, endpoint.body(), request.what, category < 62, maxBodyBytes);
                if (category < 62) {
                    return request;
                }
                if (category < 63) {
                    request.body = HostileRequests.padded(random, endpoint.body().valid(), maxBodyBytes);
                    request.what.add("break:too-large");
                } else if (category < 72) {
                    request.put("Content-Type", pick(random, HostileRequests.BREAKING_CONTENT_TYPES), "break:content-type");
                } else if (category < 80) {
                    request.put("Authorization", pick(random, forged), "break:forged-token");
                } else if (category < 84) {
                    request.put("Authorization", pick(random, hostileClaims), "break:hostile-claims");
                } else if (category < 89) {
                    request.put("Authorization", pick(random, endpoint.wrongRoles()), "break:wrong-role");
                } else if (category < 96) {
                    String[] path = endpoint.breakingPath().apply(random);
                    request.path = String.format(endpoint.path(), path[0]);
                    if (path[0].contains("/inventories/")) {
                        request.path = "/api/v1/cities/" + path[0];
                    }
                    request.headers.put("Authorization", path[1]);
                    request.what.add("break:path");
                } else {
                    request.put("If-Match", pick(random, List.of("\"99\"", "*", "W/\"x\"", "{\"$gt\":\"\"}", "1e400",
                            "99999999999999999999", "-1", "\"1\", \"2\"", "<script>")), "break:if-match");
                }
                return request;
            };
            // (the outbox relay runs every 200 ms)
            summaries.add(fuzz.endpoint(endpoint.name(), "http://127.0.0.1:" + port, generator, Duration.ofMillis(500), () -> {
                Map<String, Long> before = stored();
                long publishedBefore = published();
                return summary -> {
                    stored().forEach((collection, n) -> summary.stored.put(collection, n - before.getOrDefault(collection, 0L)));
                    summary.published.put(InventoryEvents.TOPIC, published() - publishedBefore);
                };
            }));
        }
        fuzz.assertClean(summaries);
        // the city is as it was registered: version 1
        assertThat(database.getCollection("cities").find(Filters.eq("_id", cityId)).first()).extracting(d -> d.get("version"))
                .isEqualTo(1L);
    }

    /** Documents per collection, and the versions of the fuzzed cities' documents (a change raises one). */
    private Map<String, Long> stored() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String collection : database.listCollectionNames()) {
            counts.put(collection, database.getCollection(collection).countDocuments());
            long versions = 0;
            for (Document document : database.getCollection(collection).find(Filters.regex("_id", "^fuzz"))) {
                versions += document.get("version") instanceof Number n ? n.longValue() : 0;
            }
            counts.put(collection + ".fuzz-versions", versions);
        }
        return counts;
    }

    /** Records ever written to inventory-events. */
    private static long published() throws Exception {
        return FuzzRun.published(InventoryEvents.TOPIC);
    }
}
