package org.citypromise.pledge;

import org.bson.Document;
import org.citypromise.backbone.BackboneInitializer;
import org.citypromise.backbone.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.mongodb.client.MongoDatabase;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pledge writes are limited per client (the token's subject) and per IP address: past the limit a 429
 * problem with Retry-After, and nothing stored. Small limits here, so that a test reaches them quickly.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "citypromise.rate-limits.pledge-writes-per-client-per-minute=5",
        "citypromise.rate-limits.pledge-writes-per-address-per-minute=12"})
@ContextConfiguration(initializers = BackboneInitializer.class)
@Import(InventoryFeed.Topic.class)
class RateLimitIntegrationTest {

    private static final String BODY = "{\"stakeholderType\":\"HOUSEHOLD\",\"actionCode\":\"COOKING_LPG_REDUCTION\",\"quantity\":5}";

    @LocalServerPort
    int port;
    @Autowired
    MongoDatabase database;

    @Test
    void aClientAndThenAnAddressPastTheirLimitGet429WithRetryAfterAndNothingIsStored() {
        RestTestClient http = RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
        // no city needed: the limit is checked before the pledge is read; an unknown city answers 404
        String path = "/api/v1/cities/atlantis-" + UUID.randomUUID().toString().substring(0, 6) + "/pledges";
        String flooder = Tokens.resident("flooder");
        for (int i = 0; i < 5; i++) {
            post(http, path, flooder).expectStatus().isNotFound();
        }
        post(http, path, flooder).expectStatus().isEqualTo(429)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value(HttpHeaders.RETRY_AFTER, seconds -> assertThat(Long.parseLong(seconds))
                        .isBetween(1L, 60L))
                .expectBody().jsonPath("$.status").isEqualTo(429).jsonPath("$.errors[0].reason").isNotEmpty();
        // other residents from the same address: 6 more writes reach the address's 12
        for (int i = 0; i < 6; i++) {
            post(http, path, Tokens.resident("neighbour-" + i)).expectStatus().isNotFound();
        }
        post(http, path, Tokens.resident("one-too-many")).expectStatus().isEqualTo(429)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER);
        // reads are not limited
        http.get().uri("/api/v1/actions").exchange().expectStatus().isOk();
        assertThat(database.getCollection("pledges").countDocuments(new Document())).isZero();
    }

    private static RestTestClient.ResponseSpec post(RestTestClient http, String path, String authorization) {
        return http.post().uri(path).contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, authorization).body(BODY).exchange();
    }
}
