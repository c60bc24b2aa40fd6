package org.citypromise.pledge;

import org.citypromise.backbone.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A resident's own data: their pledges, newest first, a page at a time, and everything held about them as a
 * download; never anyone else's, and nothing of what they erased.
 */
class PledgeOwnDataIntegrationTest extends PledgeServiceIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private String pledgeAs(String resident, String cityId, int quantity, String name) {
        String body = "{\"stakeholderType\":\"HOUSEHOLD\",\"actionCode\":\"COOKING_LPG_REDUCTION\",\"quantity\":"
                + quantity + ",\"displayName\":\"" + name + "\",\"contact\":\"" + resident + "@example.org\"}";
        return JSON.readTree(http.post().uri("/api/v1/cities/{city}/pledges", cityId)
                .header(HttpHeaders.AUTHORIZATION, Tokens.resident(resident))
                .contentType(MediaType.APPLICATION_JSON).body(body).exchange()
                .expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody()).get("id").asString();
    }

    private JsonNode get(String path, String resident) {
        return JSON.readTree(http.get().uri(path).header(HttpHeaders.AUTHORIZATION, Tokens.resident(resident)).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }

    @Test
    void aResidentSeesTheirOwnPledgesNewestFirstAndNeverAnotherResidents() {
        String seoul = registeredCity("seoul");
        String hanoi = registeredCity("hanoi");
        String first = pledgeAs("ji-ho", seoul, 10, "Ji-ho");
        String others = pledgeAs("min-seo", seoul, 20, "Min-seo");
        String second = pledgeAs("ji-ho", hanoi, 30, "Ji-ho");
        String third = pledgeAs("ji-ho", seoul, 40, "Ji-ho");

        JsonNode all = get("/api/v1/me/pledges", "ji-ho");
        assertThat(ids(all)).containsExactlyInAnyOrder(first, second, third).doesNotContain(others);
        assertThat(all.get("totalItems").asLong()).isEqualTo(3);
        List<Instant> pledgedAt = new ArrayList<>();
        all.get("items").forEach(item -> pledgedAt.add(Instant.parse(item.get("pledgedAt").asString())));
        assertThat(pledgedAt).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(all.get("items").get(0).get("contact").asString()).isEqualTo("ji-ho@example.org");

        JsonNode firstPage = get("/api/v1/me/pledges?page=0&size=2", "ji-ho");
        JsonNode secondPage = get("/api/v1/me/pledges?page=1&size=2", "ji-ho");
        assertThat(firstPage.get("items")).hasSize(2);
        assertThat(secondPage.get("items")).hasSize(1);
        assertThat(secondPage.get("totalItems").asLong()).isEqualTo(3);
        List<String> paged = new ArrayList<>(ids(firstPage));
        paged.addAll(ids(secondPage));
        assertThat(paged).isEqualTo(ids(all));
        assertThat(ids(get("/api/v1/me/pledges", "min-seo"))).containsExactly(others);
        assertThat(get("/api/v1/me/pledges", "nobody-yet").get("items")).isEmpty();

        // the version listed is the ETag a change is made from
        JsonNode listed = all.get("items").get(0);
        http.post().uri("/api/v1/pledges/{id}/withdrawal", listed.get("id").asString())
                .header(HttpHeaders.AUTHORIZATION, Tokens.resident("ji-ho"))
                .header(HttpHeaders.IF_MATCH, "\"" + listed.get("version").asLong() + "\"").exchange()
                .expectStatus().isOk();

        http.get().uri("/api/v1/me/pledges?size=0").header(HttpHeaders.AUTHORIZATION, Tokens.resident("ji-ho"))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("size");
        http.get().uri("/api/v1/me/pledges").header(HttpHeaders.AUTHORIZATION, Tokens.officer(seoul)).exchange()
                .expectStatus().isForbidden();
        http.get().uri("/api/v1/me/personal-data").header(HttpHeaders.AUTHORIZATION, "").exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void theDownloadHoldsEverythingAboutTheCallerAndNothingOnceErased() {
        String cityId = registeredCity("jakarta");
        String own = pledgeAs("ayu", cityId, 10, "Ayu Lestari");
        pledgeAs("budi", cityId, 20, "Budi Santoso");

        String download = http.get().uri("/api/v1/me/personal-data").header(HttpHeaders.AUTHORIZATION, Tokens.resident("ayu"))
                .exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectHeader().value(HttpHeaders.CONTENT_DISPOSITION, disposition ->
                        assertThat(disposition).startsWith("attachment").contains("filename=\"citypromise-personal-data.json\""))
                .expectBody(String.class).returnResult().getResponseBody();
        JsonNode data = JSON.readTree(download);
        assertThat(data.get("subject").asString()).isEqualTo("ayu");
        assertThat(data.get("pledges")).singleElement().satisfies(held -> {
            assertThat(held.at("/pledge/id").asString()).isEqualTo(own);
            assertThat(held.at("/pledge/displayName").asString()).isEqualTo("Ayu Lestari");
            assertThat(held.at("/pledge/contact").asString()).isEqualTo("ayu@example.org");
            assertThat(held.at("/pledge/estimatedTco2ePerYear").decimalValue()).isPositive();
            assertThat(held.get("participantId").asString()).isNotBlank();
        });
        assertThat(download).doesNotContain("Budi", "budi@example.org");

        http.delete().uri("/api/v1/me/personal-data").header(HttpHeaders.AUTHORIZATION, Tokens.resident("ayu")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.pledgesAnonymised").isEqualTo(1);

        // the erased pledge is no longer linked to anyone: neither answer shows it, its name or its contact
        JsonNode after = get("/api/v1/me/pledges", "ayu");
        assertThat(after.get("items")).isEmpty();
        assertThat(after.get("totalItems").asLong()).isZero();
        String erased = http.get().uri("/api/v1/me/personal-data").header(HttpHeaders.AUTHORIZATION, Tokens.resident("ayu"))
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(JSON.readTree(erased).get("pledges")).isEmpty();
        assertThat(erased).doesNotContain("Ayu Lestari", "ayu@example.org", own);
        // still counted for the city
        http.get().uri("/api/v1/cities/{city}/pledges", cityId).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.totalItems").isEqualTo(2);
        assertThat(ids(get("/api/v1/me/pledges", "budi"))).hasSize(1);
    }
}
