package org.citypromise.pledge;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public estimate: what a pledge would get, before anyone signs in, to the gram the number the pledge then
 * gets; and refused exactly as the pledge would be.
 */
class PledgeEstimateIntegrationTest extends PledgeServiceIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private record Answer(int status, JsonNode body) {
    }

    private Answer estimate(String cityId, String query) {
        var result = http.get().uri("/api/v1/cities/" + cityId + "/pledge-estimate" + query).exchange()
                .expectBody(String.class).returnResult();
        return new Answer(result.getStatus().value(), JSON.readTree(result.getResponseBody()));
    }

    private Answer pledge(String cityId, String actionCode, String quantity) {
        String body = "{\"stakeholderType\":\"HOUSEHOLD\"" + (actionCode == null ? "" : ",\"actionCode\":\"" + actionCode + "\"")
                + (quantity == null ? "" : ",\"quantity\":" + quantity) + "}";
        var result = http.post().uri("/api/v1/cities/" + cityId + "/pledges").contentType(MediaType.APPLICATION_JSON)
                .body(body).exchange().expectBody(String.class).returnResult();
        return new Answer(result.getStatus().value(), JSON.readTree(result.getResponseBody()));
    }

    @Test
    void theEstimateIsWhatThePledgeThenGetsToTheGram() {
        String cityId = registeredCity("pasig");
        http.get().uri("/api/v1/cities/{city}/pledge-estimate?actionCode=GENERATOR_DIESEL_REDUCTION&quantity=2500.50",
                        cityId).exchange()   // no token: anyone may ask
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.cityId").isEqualTo(cityId)
                .jsonPath("$.actionCode").isEqualTo("GENERATOR_DIESEL_REDUCTION")
                .jsonPath("$.quantity").isEqualTo(2500.5)
                .jsonPath("$.unit").isEqualTo("kg/yr")
                .jsonPath("$.estimatedTco2ePerYear").isEqualTo(7.967343)
                .jsonPath("$.emissionFactor.code").isEqualTo("GAS_DIESEL_OIL")
                .jsonPath("$.emissionFactor.origin").isEqualTo("DEFAULT");

        for (String[] action : List.of(new String[] {"COOKING_LPG_REDUCTION", "120.000"},
                new String[] {"GENERATOR_DIESEL_REDUCTION", "2500.5"}, new String[] {"HOME_GAS_HEATING_REDUCTION", "0.001"},
                new String[] {"FLEET_DIESEL_REDUCTION", "99999999.999"})) {
            Answer estimate = estimate(cityId, "?actionCode=" + action[0] + "&quantity=" + action[1]);
            Answer pledge = pledge(cityId, action[0], action[1]);
            assertThat(estimate.status()).isEqualTo(200);
            assertThat(pledge.status()).isEqualTo(201);
            assertThat(estimate.body().get("estimatedTco2ePerYear").decimalValue())
                    .isEqualTo(pledge.body().get("estimatedTco2ePerYear").decimalValue());
            assertThat(estimate.body().get("emissionFactor")).isEqualTo(pledge.body().get("emissionFactor"));
            assertThat(estimate.body().get("quantity")).isEqualTo(pledge.body().get("quantity"));
        }
    }

    @Test
    void badInputIsRefusedAsAPledgeOfItWouldBeAndNothingIsStored() {
        String cityId = registeredCity("jakarta");
        String[][] bad = {
                {null, "120"}, {"TELEPORT", "120"}, {"COOKING_LPG_REDUCTION", null}, {"COOKING_LPG_REDUCTION", "0"},
                {"COOKING_LPG_REDUCTION", "-5"}, {"COOKING_LPG_REDUCTION", "1.0001"},
                {"COOKING_LPG_REDUCTION", "100000.001"}, {null, null},
                {"HOME_LED_LIGHTING", "1200"}};   // the city has published no grid factor: 422
        for (String[] values : bad) {
            String query = "?" + (values[0] == null ? "" : "actionCode=" + values[0])
                    + (values[1] == null ? "" : "&quantity=" + values[1]);
            Answer estimate = estimate(cityId, query);
            Answer pledge = pledge(cityId, values[0], values[1]);
            assertThat(estimate.status()).as(query).isIn(400, 422).isEqualTo(pledge.status());
            assertThat(estimate.body().get("type")).as(query).isEqualTo(pledge.body().get("type"));
            assertThat(estimate.body().get("errors")).as(query).isEqualTo(pledge.body().get("errors"))
                    .isNotEmpty();
        }
        assertThat(estimate(cityId, "?quantity=abc").body().at("/errors/0/field").asString()).isEqualTo("quantity");
        assertThat(estimate(cityId, "?actionCode=HOME_LED_LIGHTING&quantity=1200").body().at("/errors/0/field")
                .asString()).isEqualTo("actionCode");

        Answer unknown = estimate("atlantis", "?actionCode=COOKING_LPG_REDUCTION&quantity=120");
        assertThat(unknown.status()).isEqualTo(404).isEqualTo(pledge("atlantis", "COOKING_LPG_REDUCTION", "120").status());
        assertThat(unknown.body().at("/errors/0/field").asString()).isEqualTo("cityId");
        // a bad request for an unknown city is reported as the bad request it is, as a pledge's is
        assertThat(estimate("atlantis", "?actionCode=TELEPORT&quantity=1").status()).isEqualTo(400);

        assertThat(database.getCollection("pledges").countDocuments(new Document("cityId", cityId))).isZero();
    }
}
