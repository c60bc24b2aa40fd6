package org.citypromise.aggregation;

import org.citypromise.backbone.ActuatorAccess;
import org.citypromise.backbone.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.util.List;

/** Who may do what: operations need an admin's token, views none; only health is public among the actuator endpoints. */
class AccessIntegrationTest extends ViewsIntegrationTestBase {

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
