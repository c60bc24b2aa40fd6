package org.citypromise.inventory;

import org.citypromise.backbone.ActuatorAccess;
import org.citypromise.backbone.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may publish for a city: its officers (the cities in their token); a city may also be registered by
 * an admin. Anyone may read. Every refusal is a 401 or 403 problem and leaves nothing stored or published.
 */
class PublicationAccessIntegrationTest extends InventoryServiceIntegrationTest {

    /** An empty Authorization header: no credentials (ActingUser fills in only a missing header). */
    private static final String ANONYMOUS = "";
    private static final String CITY = "{\"name\":\"Seoul\",\"countryCode\":\"KR\",\"population\":9386034}";
    private static final String FACTORS = "{\"factors\":[{\"code\":\"GRID_ELECTRICITY\",\"value\":0.45,"
            + "\"unit\":\"kgCO2e/kWh\",\"source\":\"grid operator\",\"year\":2024}]}";

    private RestTestClient.ResponseSpec put(String path, String authorization, String body) {
        var request = http.put().uri(path).contentType(MediaType.APPLICATION_JSON);
        if (authorization != null) {
            request = request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        return request.body(body).exchange();
    }

    private static void problem(RestTestClient.ResponseSpec response, int status) {
        response.expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(status)
                .jsonPath("$.errors[0].field").isEqualTo("Authorization");
    }

    @Test
    void onlyTheCitysOfficersOrAnAdminRegisterIt() {
        String cityId = "seoul-" + UUID.randomUUID().toString().substring(0, 8);
        String path = "/api/v1/cities/" + cityId;
        problem(put(path, ANONYMOUS, CITY), 401);
        problem(put(path, Tokens.resident("alice"), CITY), 403);
        problem(put(path, Tokens.officer("busan"), CITY), 403);
        http.get().uri(path).exchange().expectStatus().isNotFound();
        assertThat(inventoryEvents.all(Duration.ofSeconds(1))).noneMatch(event -> cityId.equals(event.key()));

        put(path, Tokens.admin(), CITY).expectStatus().isCreated();
        http.get().uri(path).exchange().expectStatus().isOk(); // public read, no token
        put(path, Tokens.officer(cityId), CITY).expectHeader().valueEquals("ETag", "\"1\""); // unchanged: same version
    }

    @Test
    void onlyTheCitysOfficersPublishItsFactorsInventoriesAndTarget() {
        String cityId = "hanoi-" + UUID.randomUUID().toString().substring(0, 8);
        put("/api/v1/cities/" + cityId, Tokens.officer(cityId), CITY).expectStatus().isCreated();
        String factors = "/api/v1/cities/" + cityId + "/emission-factors";
        problem(put(factors, ANONYMOUS, FACTORS), 401);
        problem(put(factors, Tokens.resident("alice"), FACTORS), 403);
        problem(put(factors, Tokens.officer("another-city"), FACTORS), 403);
        problem(put(factors, Tokens.admin(), FACTORS), 403);
        problem(put("/api/v1/cities/" + cityId + "/inventories/2022", Tokens.officer("another-city"), "{}"), 403);
        problem(put("/api/v1/cities/" + cityId + "/target", Tokens.officer("another-city"), "{}"), 403);
        http.get().uri(factors).exchange().expectStatus().isNotFound();
        assertThat(inventoryEvents.all(Duration.ofSeconds(1))).filteredOn(event -> cityId.equals(event.key()))
                .hasSize(1); // the registration only

        put(factors, Tokens.officer("another-city", cityId), FACTORS).expectStatus().isOk();
    }

    private RestTestClient.ResponseSpec get(String path, String authorization) {
        return http.get().uri(path).header(HttpHeaders.AUTHORIZATION, authorization).exchange();
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
