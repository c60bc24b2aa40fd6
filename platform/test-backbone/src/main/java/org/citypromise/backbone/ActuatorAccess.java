package org.citypromise.backbone;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may read a service's actuator, the same in every service: health and its probe groups are public (probes,
 * load balancers) and say only UP; every other endpoint wants the monitoring role (Prometheus's token, by client
 * credentials) or an admin, and refuses anyone else with a problem naming the Authorization header.
 */
public final class ActuatorAccess {

    private ActuatorAccess() {
    }

    public static void assertOnlyHealthIsPublic(String baseUrl) {
        RestTestClient http = RestTestClient.bindToServer().baseUrl(baseUrl).build();
        for (String path : List.of("/actuator/prometheus", "/actuator/metrics", "/actuator/info")) {
            for (String authorization : List.of("", "Bearer not-a-jwt", Tokens.resident("alice"),
                    Tokens.officer("seoul"))) {
                int status = authorization.startsWith("Bearer ey") ? 403 : 401;
                RestTestClient.ResponseSpec response = http.get().uri(path)
                        .header(HttpHeaders.AUTHORIZATION, authorization).exchange();
                if (authorization.isEmpty()) {
                    response.expectHeader().exists(HttpHeaders.WWW_AUTHENTICATE);
                }
                response.expectStatus().isEqualTo(status)
                        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectBody().jsonPath("$.status").isEqualTo(status)
                        .jsonPath("$.errors[0].field").isEqualTo("Authorization");
            }
            http.get().uri(path).header(HttpHeaders.AUTHORIZATION, Tokens.monitoring()).exchange().expectStatus().isOk();
            http.get().uri(path).header(HttpHeaders.AUTHORIZATION, Tokens.admin()).exchange().expectStatus().isOk();
        }
        assertThat(http.get().uri("/actuator/prometheus").header(HttpHeaders.AUTHORIZATION, Tokens.monitoring())
                .exchange().expectBody(String.class).returnResult().getResponseBody()).contains("jvm_memory_used_bytes");
        for (String path : List.of("/actuator/health", "/actuator/health/readiness", "/actuator/health/liveness")) {
            http.get().uri(path).header(HttpHeaders.AUTHORIZATION, "").exchange()
                    .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP")
                    .jsonPath("$.components").doesNotExist();
        }
        // what each component says (the store, Kafka) is for the monitoring identity
        http.get().uri("/actuator/health").header(HttpHeaders.AUTHORIZATION, Tokens.monitoring()).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.components.mongo.status").isEqualTo("UP");
    }
}
