package org.citypromise.pledge;

import com.nimbusds.jwt.JWTClaimsSet;
import org.bson.Document;
import org.citypromise.backbone.ActuatorAccess;
import org.citypromise.backbone.Tokens;
import org.citypromise.backbone.TestTokenIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may do what with pledges: a resident pledges and changes only their own; a pledge is read by its
 * owner and its city's officers; a city's list is for its officers. Every refusal is a 401 or 403
 * problem naming the Authorization header, and leaves nothing stored or published.
 */
class PledgeAccessIntegrationTest extends PledgeServiceIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** An empty Authorization header: no credentials (ActingUser fills in only a missing header). */
    private static final String ANONYMOUS = "";
    private static final String BODY = "{\"stakeholderType\":\"HOUSEHOLD\",\"actionCode\":\"COOKING_LPG_REDUCTION\",\"quantity\":50}";

    private RestTestClient.ResponseSpec post(String path, String authorization, String body, String ifMatch) {
        var request = http.post().uri(path).contentType(MediaType.APPLICATION_JSON);
        if (authorization != null) {
            request = request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        if (ifMatch != null) {
            request = request.header(HttpHeaders.IF_MATCH, ifMatch);
        }
        return request.body(body).exchange();
    }

    private RestTestClient.ResponseSpec get(String path, String authorization) {
        return http.get().uri(path).header(HttpHeaders.AUTHORIZATION, authorization).exchange();
    }

    private static void problem(RestTestClient.ResponseSpec response, int status) {
        response.expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(status)
                .jsonPath("$.errors[0].field").isNotEmpty();
    }

    private long storedIn(String cityId) {
        return database.getCollection("pledges").countDocuments(new Document("cityId", cityId));
    }

    @Test
    void onlyAResidentWithAValidTokenPledges() throws IOException {
        String cityId = registeredCity("pasig");
        String path = "/api/v1/cities/" + cityId + "/pledges";
        TestTokenIssuer stranger = TestTokenIssuer.start("127.0.0.1", 0); // a key the services do not trust
        try {
            problem(post(path, ANONYMOUS, BODY, null).expectHeader().exists(HttpHeaders.WWW_AUTHENTICATE), 401);
            problem(post(path, "Bearer not-a-jwt", BODY, null), 401);
            problem(post(path, Tokens.bearer(stranger.resident("mallory")), BODY, null), 401);
            Instant past = Instant.now().minus(Duration.ofHours(2));
            problem(post(path, Tokens.bearer(Tokens.issuer().sign(new JWTClaimsSet.Builder().subject("late")
                    .claim("roles", List.of("resident")).issueTime(Date.from(past))
                    .expirationTime(Date.from(past.plus(Duration.ofMinutes(5)))).build())), BODY, null), 401);
            problem(post(path, Tokens.officer(cityId), BODY, null), 403);
            problem(post(path, Tokens.admin(), BODY, null), 403);
        } finally {
            stranger.close();
        }
        assertThat(storedIn(cityId)).isZero();
        assertThat(pledgeEvents.all(Duration.ofSeconds(1))).noneMatch(event -> cityId.equals(event.key()));

        post(path, Tokens.resident("alice"), BODY, null).expectStatus().isCreated();
        assertThat(storedIn(cityId)).isEqualTo(1);
    }

    @Test
    void aResidentChangesOnlyTheirOwnPledgeAndOnlyItsOwnerAndItsCitysOfficersReadIt() {
        String cityId = registeredCity("hanoi");
        String otherCity = registeredCity("seoul");
        String id = JSON.readTree(post("/api/v1/cities/" + cityId + "/pledges", Tokens.resident("alice"), BODY, null)
                .expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody()).get("id").asString();

        problem(post("/api/v1/pledges/" + id + "/withdrawal", Tokens.resident("bob"), "", "\"1\""), 403);
        problem(post("/api/v1/pledges/" + id + "/progress", Tokens.resident("bob"), "{\"achievedQuantity\":10}", "\"1\""), 403);
        problem(post("/api/v1/pledges/" + id + "/withdrawal", Tokens.officer(cityId), "", "\"1\""), 403);
        problem(post("/api/v1/pledges/" + id + "/withdrawal", ANONYMOUS, "", "\"1\"").expectHeader()
                .exists(HttpHeaders.WWW_AUTHENTICATE), 401);
        problem(get("/api/v1/pledges/" + id, Tokens.resident("bob")), 403);
        problem(get("/api/v1/pledges/" + id, Tokens.officer(otherCity)), 403);
        problem(get("/api/v1/cities/" + cityId + "/pledges", Tokens.resident("alice")), 403);
        problem(get("/api/v1/cities/" + cityId + "/pledges", Tokens.officer(otherCity)), 403);
        // unchanged by all that: version 1, active, and only its own announcement on the topic
        get("/api/v1/pledges/" + id, Tokens.resident("alice")).expectStatus().isOk()
                .expectBody().jsonPath("$.version").isEqualTo(1).jsonPath("$.status").isEqualTo("ACTIVE");
        assertThat(pledgeEvents.all(Duration.ofSeconds(1))).filteredOn(event -> cityId.equals(event.key())).hasSize(1);

        get("/api/v1/pledges/" + id, Tokens.officer(cityId)).expectStatus().isOk();
        get("/api/v1/cities/" + cityId + "/pledges", Tokens.officer(cityId)).expectStatus().isOk()
                .expectBody().jsonPath("$.totalItems").isEqualTo(1);
        post("/api/v1/pledges/" + id + "/withdrawal", Tokens.resident("alice"), "", "\"1\"").expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("WITHDRAWN");
    }

    /** Browsers may call the API from the configured web app's origin only. */
    @Test
    void browsersMayCallFromTheConfiguredOriginOnly() {
        http.options().uri("/api/v1/cities/seoul/pledges")
                .header(HttpHeaders.ORIGIN, "https://app.citypromise.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,content-type,idempotency-key")
                .exchange().expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://app.citypromise.example");
        http.options().uri("/api/v1/cities/seoul/pledges")
                .header(HttpHeaders.ORIGIN, "https://elsewhere.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .exchange().expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
        String cityId = registeredCity("cors");
        post("/api/v1/cities/" + cityId + "/pledges", Tokens.resident("alice"), BODY, null); // no Origin: not a browser
        http.post().uri("/api/v1/cities/" + cityId + "/pledges").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.ORIGIN, "https://elsewhere.example")
                .header(HttpHeaders.AUTHORIZATION, Tokens.resident("alice")).body(BODY).exchange()
                .expectStatus().isForbidden();
        assertThat(storedIn(cityId)).isEqualTo(1);
    }

    /**
     * Health and its probe groups are public (probes, load balancers); every other actuator endpoint wants
     * the monitoring role (Prometheus's token, by client credentials) or an admin.
     */
    @Test
    void onlyHealthIsPublicAndTheOtherActuatorEndpointsWantTheMonitoringRole() {
        ActuatorAccess.assertOnlyHealthIsPublic("http://127.0.0.1:" + port);
    }

    /** A body far larger than any pledge is refused before it is read. */
    @Test
    void anOversizedBodyIsRefusedWith413AndNothingIsStored() throws Exception {
        String cityId = registeredCity("huge");
        String huge = "{\"stakeholderType\":\"HOUSEHOLD\",\"actionCode\":\"COOKING_LPG_REDUCTION\",\"quantity\":1,"
                + "\"participantRef\":\"" + "x".repeat(20_000) + "\"}";
        post("/api/v1/cities/" + cityId + "/pledges", Tokens.resident("alice"), huge, null)
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("body");
        // the same body sent without a length (chunked) is cut off once past the limit: the same 413
        HttpResponse<String> chunked = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/cities/" + cityId + "/pledges"))
                        .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
                        .header(HttpHeaders.AUTHORIZATION, Tokens.resident("alice"))
                        .POST(HttpRequest.BodyPublishers.ofInputStream(
                                () -> new ByteArrayInputStream(huge.getBytes(StandardCharsets.UTF_8))))
                        .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(413);
        assertThat(chunked.headers().firstValue(HttpHeaders.CONTENT_TYPE)).hasValue(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(JSON.readTree(chunked.body()).at("/errors/0/reason").asString()).isEqualTo("is larger than 16384 bytes");
        assertThat(storedIn(cityId)).isZero();
    }
}
