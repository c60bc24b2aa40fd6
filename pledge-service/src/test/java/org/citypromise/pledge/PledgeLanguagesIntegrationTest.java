package org.citypromise.pledge;

import org.citypromise.backbone.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API in the languages of the cities it serves: the catalog and the problems in Korean, Indonesian, Filipino or
 * Vietnamese as Accept-Language asks, English otherwise; codes, units and field names the same in every language.
 */
class PledgeLanguagesIntegrationTest extends PledgeServiceIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonNode catalogIn(String acceptLanguage, String expectedLanguage) {
        var request = http.get().uri("/api/v1/actions");
        if (acceptLanguage != null) {
            request = request.header(HttpHeaders.ACCEPT_LANGUAGE, acceptLanguage);
        }
        return JSON.readTree(request.exchange().expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.CONTENT_LANGUAGE, expectedLanguage)
                .expectHeader().values(HttpHeaders.VARY, vary -> assertThat(String.join(",", vary))
                        .contains(HttpHeaders.ACCEPT_LANGUAGE))
                .expectBody(String.class).returnResult().getResponseBody());
    }

    private static JsonNode action(JsonNode catalog, String code) {
        for (JsonNode action : catalog.get("items")) {
            if (action.get("code").asString().equals(code)) {
                return action;
            }
        }
        throw new AssertionError("no " + code);
    }

    @Test
    void theCatalogIsInKoreanForAKoreanReaderWithTheSameCodesAndUnits() {
        JsonNode english = catalogIn(null, "en");
        JsonNode korean = catalogIn("ko-KR,ko;q=0.9,en;q=0.5", "ko");

        assertThat(action(english, "HOME_LED_LIGHTING").get("title").asString()).isEqualTo("Replace home lighting with LEDs");
        assertThat(action(korean, "HOME_LED_LIGHTING").get("title").asString()).isEqualTo("집 조명을 LED로 교체하기");
        assertThat(action(korean, "HOME_COMPOSTING").get("description").asString()).contains("퇴비", "kg");
        assertThat(korean.get("items")).hasSize(25).allSatisfy(action -> {
            assertThat(action.get("title").asString()).isNotEqualTo(action(english, action.get("code").asString())
                    .get("title").asString());
            assertThat(action.get("description").asString()).isNotBlank();
        });
        // apart from the words, the same catalog
        for (JsonNode catalog : new JsonNode[] {english, korean}) {
            catalog.get("items").forEach(action -> ((ObjectNode) action).remove(java.util.List.of("title", "description")));
        }
        assertThat(korean).isEqualTo(english);

        // any other language, or none the API has: English; Tagalog is answered in Filipino
        catalogIn("fr-FR,fr;q=0.9", "en");
        assertThat(action(catalogIn("tl", "fil"), "TREE_PLANTING").get("title").asString()).startsWith("Magtanim");
        assertThat(action(catalogIn("vi", "vi"), "RECYCLING").get("title").asString()).startsWith("Phân loại");
        assertThat(action(catalogIn("id-ID", "id"), "RAINWATER_USE").get("title").asString()).contains("air hujan");
    }

    @Test
    void aProblemInVietnameseNamesTheSameFieldAsInEnglish() {
        String cityId = registeredCity("hanoi");
        String body = "{\"stakeholderType\":\"HOUSEHOLD\",\"actionCode\":\"COOKING_LPG_REDUCTION\",\"quantity\":0}";
        http.post().uri("/api/v1/cities/{city}/pledges", cityId).contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.ACCEPT_LANGUAGE, "vi-VN,vi;q=0.9").body(body).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.CONTENT_LANGUAGE, "vi")
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:citypromise:problem:invalid-input")
                .jsonPath("$.title").isEqualTo("Dữ liệu nhập không hợp lệ")
                .jsonPath("$.detail").isEqualTo("quantity: phải lớn hơn 0")
                .jsonPath("$.errors[0].field").isEqualTo("quantity")
                .jsonPath("$.errors[0].reason").isEqualTo("phải lớn hơn 0");
        http.post().uri("/api/v1/cities/{city}/pledges", cityId).contentType(MediaType.APPLICATION_JSON)
                .body(body).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().valueEquals(HttpHeaders.CONTENT_LANGUAGE, "en")
                .expectBody()
                .jsonPath("$.title").isEqualTo("Invalid input")
                .jsonPath("$.errors[0].field").isEqualTo("quantity")
                .jsonPath("$.errors[0].reason").isEqualTo("must be greater than 0");

        // with arguments, from the estimate, and the service's own problem types
        http.get().uri("/api/v1/cities/{city}/pledge-estimate?actionCode=COOKING_LPG_REDUCTION&quantity=1.0001", cityId)
                .header(HttpHeaders.ACCEPT_LANGUAGE, "vi").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("quantity")
                .jsonPath("$.errors[0].reason").isEqualTo("tối đa 3 chữ số thập phân");
        http.get().uri("/api/v1/cities/atlantis/pledge-estimate?actionCode=COOKING_LPG_REDUCTION&quantity=1")
                .header(HttpHeaders.ACCEPT_LANGUAGE, "id").exchange().expectStatus().isNotFound()
                .expectHeader().valueEquals(HttpHeaders.CONTENT_LANGUAGE, "id")
                .expectBody().jsonPath("$.title").isEqualTo("Kota tidak dikenal")
                .jsonPath("$.errors[0].field").isEqualTo("cityId");
        http.get().uri("/api/v1/cities/{city}/pledge-estimate?actionCode=HOME_LED_LIGHTING&quantity=10", cityId)
                .header(HttpHeaders.ACCEPT_LANGUAGE, "ko").exchange().expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail)
                        .contains("HOME_LED_LIGHTING", cityId, "GRID_ELECTRICITY", "배출계수"));
    }

    @Test
    void theProblemsEveryServiceSharesAreTranslatedToo() {
        // written by the security filters, before Spring MVC
        http.get().uri("/api/v1/me/pledges").header(HttpHeaders.AUTHORIZATION, "")
                .header(HttpHeaders.ACCEPT_LANGUAGE, "ko").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.CONTENT_LANGUAGE, "ko")
                .expectBody().jsonPath("$.title").isEqualTo("인증 필요")
                .jsonPath("$.errors[0].field").isEqualTo("Authorization")
                .jsonPath("$.errors[0].reason").value(reason -> assertThat((String) reason).contains("토큰"));
        // by the kit's handlers in Spring MVC
        http.post().uri("/api/v1/cities/hanoi/pledges").header(HttpHeaders.AUTHORIZATION, Tokens.resident("an"))
                .header(HttpHeaders.ACCEPT_LANGUAGE, "fil").contentType(MediaType.TEXT_PLAIN).body("hello").exchange()
                .expectStatus().isEqualTo(415)
                .expectHeader().valueEquals(HttpHeaders.CONTENT_LANGUAGE, "fil")
                .expectBody().jsonPath("$.title").isEqualTo("Hindi suportadong uri ng media")
                .jsonPath("$.errors[0].field").isEqualTo("Content-Type")
                .jsonPath("$.errors[0].reason").isEqualTo("dapat ay application/json");
    }
}
