package org.citypromise.pledge;

import org.bson.Document;
import org.citypromise.backbone.Tokens;
import org.citypromise.backbone.TopicTail;
import org.citypromise.pledge.application.PledgeIntake;
import org.citypromise.pledge.application.Pseudonyms;
import org.citypromise.pledge.domain.ActionCatalog;
import org.citypromise.pledge.domain.PledgeSubmission;
import org.citypromise.pledge.messaging.PledgeAnnouncements;
import org.citypromise.pledge.store.KnownCities;
import org.citypromise.pledge.store.PledgeStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Personal data stays in pledge-service: a pledge's name and contact are shown to its owner and its city's
 * officers only, no event carries them (nor the owner's account), a resident can erase them while their
 * pledges stay counted, and participants are known outside by a pseudonym whose key rotates without
 * counting anyone twice.
 */
class PledgePrivacyIntegrationTest extends PledgeServiceIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String BODY = "{\"stakeholderType\":\"HOUSEHOLD\",\"actionCode\":\"COOKING_LPG_REDUCTION\","
            + "\"quantity\":%d,\"displayName\":\"Kim Ji-woo's household\",\"contact\":\"kim.jiwoo@example.org\"}";

    @Autowired
    PledgeStore store;
    @Autowired
    ActionCatalog catalog;
    @Autowired
    KnownCities cities;
    @Autowired
    PledgeAnnouncements announcements;
    @Autowired
    Clock clock;

    private RestTestClient.ResponseSpec send(String method, String path, String authorization, String body) {
        RestTestClient.RequestBodySpec request = http.method(HttpMethod.valueOf(method)).uri(path)
                .header(HttpHeaders.AUTHORIZATION, authorization);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return request.exchange();
    }

    private String pledgeAs(String resident, String cityId, int quantity) {
        return JSON.readTree(send("POST", "/api/v1/cities/" + cityId + "/pledges", Tokens.resident(resident),
                        BODY.formatted(quantity)).expectStatus().isCreated()
                .expectBody().jsonPath("$.displayName").isEqualTo("Kim Ji-woo's household")
                .jsonPath("$.contact").isEqualTo("kim.jiwoo@example.org")
                .returnResult().getResponseBody()).get("id").asString();
    }

    @Test
    void nameAndContactAreShownToTheOwnerAndTheCitysOfficersAndNeverPublished() {
        String cityId = registeredCity("seoul");
        String id = pledgeAs("kim", cityId, 40);

        send("GET", "/api/v1/pledges/" + id, Tokens.resident("kim"), null).expectStatus().isOk()
                .expectBody().jsonPath("$.contact").isEqualTo("kim.jiwoo@example.org");
        send("GET", "/api/v1/pledges/" + id, Tokens.officer(cityId), null).expectStatus().isOk()
                .expectBody().jsonPath("$.displayName").isEqualTo("Kim Ji-woo's household");
        send("GET", "/api/v1/cities/" + cityId + "/pledges", Tokens.officer(cityId), null).expectStatus().isOk()
                .expectBody().jsonPath("$.items[0].contact").isEqualTo("kim.jiwoo@example.org");
        send("GET", "/api/v1/pledges/" + id, Tokens.resident("lee"), null).expectStatus().isForbidden()
                .expectBody(String.class).value(body -> assertThat(body).doesNotContain("Kim", "kim.jiwoo"));

        List<TopicTail.Event> events = pledgeEvents.awaitKey(cityId, 1, Duration.ofSeconds(20));
        assertThat(events).singleElement().satisfies(event -> assertThat(event.value())
                .doesNotContain("Kim Ji-woo", "kim.jiwoo", "example.org", "\"kim\"")
                .containsPattern("\"participantId\":\"dev1:[0-9a-f]{64}\""));
        assertThat(events.get(0).headers().toString()).doesNotContain("kim");
    }

    @Test
    void personalDetailsAreCheckedAndABadOneStoresNothing() {
        String cityId = registeredCity("pasig");
        String bad = "{\"stakeholderType\":\"HOUSEHOLD\",\"actionCode\":\"COOKING_LPG_REDUCTION\",\"quantity\":5,"
                + "\"displayName\":\"<script>alert(1)</script>\",\"contact\":\"call me maybe\"}";
        send("POST", "/api/v1/cities/" + cityId + "/pledges", Tokens.resident("kim"), bad)
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[*].field").value(fields ->
                        assertThat(fields).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                                .containsExactlyInAnyOrder("displayName", "contact"));
        send("POST", "/api/v1/cities/" + cityId + "/pledges", Tokens.resident("kim"),
                bad.replace("<script>alert(1)</script>", "x".repeat(81)).replace("call me maybe", "+63 2 8643 1111"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("displayName");
        assertThat(database.getCollection("pledges").countDocuments(new Document("cityId", cityId))).isZero();
        // a phone number is a contact as good as an e-mail address
        send("POST", "/api/v1/cities/" + cityId + "/pledges", Tokens.resident("kim"),
                bad.replace("<script>alert(1)</script>", "Kim").replace("call me maybe", "+63 2 8643 1111"))
                .expectStatus().isCreated().expectBody().jsonPath("$.contact").isEqualTo("+63 2 8643 1111");
    }

    @Test
    void aResidentErasesTheirPersonalDataAndTheirPledgesStayCountedAnonymised() {
        String cityId = registeredCity("jakarta");
        String first = pledgeAs("ayu", cityId, 10);
        String second = pledgeAs("ayu", cityId, 20);
        String othersPledge = pledgeAs("budi", cityId, 30);
        pledgeEvents.awaitKey(cityId, 3, Duration.ofSeconds(20));

        send("DELETE", "/api/v1/me/personal-data", Tokens.officer(cityId), null).expectStatus().isForbidden();
        send("DELETE", "/api/v1/me/personal-data", Tokens.resident("ayu"), null).expectStatus().isOk()
                .expectBody().jsonPath("$.pledgesAnonymised").isEqualTo(2);

        for (String id : List.of(first, second)) {
            Document stored = database.getCollection("pledges").find(new Document("_id", id)).first();
            assertThat(stored).doesNotContainKeys("owner", "personal", "idempotency")
                    .containsEntry("status", "ACTIVE");
            assertThat(stored.toJson()).doesNotContain("ayu", "Kim Ji-woo", "kim.jiwoo");
            // the city still sees the pledge, without anyone's name on it; its former owner no longer does
            send("GET", "/api/v1/pledges/" + id, Tokens.officer(cityId), null).expectStatus().isOk()
                    .expectBody().jsonPath("$.displayName").doesNotExist().jsonPath("$.quantity").exists();
            send("GET", "/api/v1/pledges/" + id, Tokens.resident("ayu"), null).expectStatus().isForbidden();
        }
        send("GET", "/api/v1/pledges/" + othersPledge, Tokens.resident("budi"), null).expectStatus().isOk()
                .expectBody().jsonPath("$.displayName").isEqualTo("Kim Ji-woo's household");
        send("GET", "/api/v1/cities/" + cityId + "/pledges", Tokens.officer(cityId), null).expectStatus().isOk()
                .expectBody().jsonPath("$.totalItems").isEqualTo(3);
        // still counted: no event withdrew anything, nothing was announced at all
        assertThat(pledgeEvents.all(Duration.ofSeconds(1))).filteredOn(event -> cityId.equals(event.key())).hasSize(3);
        send("DELETE", "/api/v1/me/personal-data", Tokens.resident("ayu"), null).expectStatus().isOk()
                .expectBody().jsonPath("$.pledgesAnonymised").isEqualTo(0);
    }

    @Test
    void aRotatedKeyGivesNewParticipantsNewPseudonymsAndKnownOnesKeepTheirs() {
        String cityId = registeredCity("hanoi");
        Pseudonyms before = new Pseudonyms("k2025", "the-key-of-2025-which-is-long-enough", Map.of());
        Pseudonyms after = new Pseudonyms("k2026", "the-key-of-2026-which-is-long-enough-too",
                Map.of("k2025", "the-key-of-2025-which-is-long-enough"));
        PledgeSubmission submission = new PledgeSubmission(cityId, "HOUSEHOLD", "COOKING_LPG_REDUCTION",
                BigDecimal.TEN, null, null, null);

        String known = intake(before).submit(submission, null, "linh").pledge().participantId();
        // the service restarted with a new current key and the old one as previous
        String again = intake(after).submit(submission, null, "linh").pledge().participantId();
        String newcomer = intake(after).submit(submission, null, "minh").pledge().participantId();
        String member = intake(after).submit(new PledgeSubmission(cityId, "HOUSEHOLD", "COOKING_LPG_REDUCTION",
                BigDecimal.TEN, null, null, "grandmother"), null, "linh").pledge().participantId();

        assertThat(known).startsWith("k2025:").isEqualTo(again);
        assertThat(newcomer).startsWith("k2026:");
        assertThat(member).startsWith("k2026:").isNotEqualTo(known);
        // once the old key is gone (destroyed), the same resident cannot be linked to it any more
        Pseudonyms retired = new Pseudonyms("k2026", "the-key-of-2026-which-is-long-enough-too", Map.of());
        assertThat(intake(retired).submit(submission, null, "linh").pledge().participantId())
                .startsWith("k2026:").isNotEqualTo(known);
        assertThat(pledgeEvents.awaitKey(cityId, 5, Duration.ofSeconds(20)))
                .allSatisfy(event -> assertThat(event.value()).doesNotContain("linh", "minh", "grandmother"));
    }

    private PledgeIntake intake(Pseudonyms pseudonyms) {
        return new PledgeIntake(catalog, cities, store, announcements, clock, pseudonyms);
    }
}
