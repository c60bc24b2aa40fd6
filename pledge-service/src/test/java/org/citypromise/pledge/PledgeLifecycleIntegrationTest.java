package org.citypromise.pledge;

import org.bson.Document;
import org.citypromise.backbone.EventContract;
import org.citypromise.backbone.TopicTail;
import org.citypromise.pledge.application.PledgeIntake;
import org.citypromise.pledge.messaging.PledgeEvents;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** A pledge's life over HTTP, each change a conditional request and an event on pledge-events. */
class PledgeLifecycleIntegrationTest extends PledgeServiceIntegrationTest {

    @Autowired
    PledgeIntake intake;

    private String registeredCity() {
        return registeredCity("pasig");
    }

    private String pledge(String cityId, String extra) {
        AtomicReference<String> id = new AtomicReference<>();
        http.post().uri("/api/v1/cities/{c}/pledges", cityId).contentType(MediaType.APPLICATION_JSON)
                .body("{\"stakeholderType\":\"HOUSEHOLD\",\"actionCode\":\"COOKING_LPG_REDUCTION\",\"quantity\":120" + extra + "}")
                .exchange().expectStatus().isCreated()
                .expectBody().jsonPath("$.id").value(v -> id.set((String) v));
        return id.get();
    }

    private RestTestClient.ResponseSpec progress(String id, String ifMatch, String achieved) {
        var request = http.post().uri("/api/v1/pledges/{id}/progress", id).contentType(MediaType.APPLICATION_JSON);
        if (ifMatch != null) {
            request = request.header("If-Match", ifMatch);
        }
        return request.body("{\"achievedQuantity\":" + achieved + "}").exchange();
    }

    @Test
    void progressFulfilsAPledgeThroughConditionalRequestsAndEveryChangeIsAnnounced() {
        String cityId = registeredCity();
        String id = pledge(cityId, "");

        progress(id, null, "60").expectStatus().isEqualTo(428)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("If-Match");
        progress(id, "\"1\"", "60").expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"2\"")
                .expectBody()
                .jsonPath("$.status").isEqualTo("ACTIVE")
                .jsonPath("$.achievedTco2ePerYear").isEqualTo(0.179078);
        // a client still holding version 1 is told, and changes nothing
        progress(id, "\"1\"", "90").expectStatus().isEqualTo(412)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("If-Match");
        progress(id, "\"2\"", "120").expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("FULFILLED").jsonPath("$.version").isEqualTo(3);
        http.post().uri("/api/v1/pledges/{id}/withdrawal", id).header("If-Match", "\"3\"").exchange()
                .expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);

        List<TopicTail.Event> events = pledgeEvents.awaitKey(cityId, 3, Duration.ofSeconds(20));
        assertThat(events).extracting(e -> e.header("ce_type")).containsExactly(PledgeEvents.PLEDGE_SUBMITTED,
                PledgeEvents.PLEDGE_UPDATED, PledgeEvents.PLEDGE_UPDATED);
        assertThat(events.get(1).value()).contains("\"version\":2", "\"status\":\"ACTIVE\"", "\"achievedQuantity\":60");
        assertThat(events.get(2).value()).contains("\"version\":3", "\"status\":\"FULFILLED\"");
        assertThat(events.subList(1, 3)).allSatisfy(e ->
                assertThat(EventContract.own("pledge-updated.v1").violations(e.value())).isEmpty());
    }

    @Test
    void withdrawnAndLapsedPledgesAreListedByStatus() {
        String cityId = registeredCity();
        String kept = pledge(cityId, "");
        String withdrawn = pledge(cityId, "");
        String overdue = pledge(cityId, ",\"targetDate\":\"" + LocalDate.now(ZoneOffset.UTC).plusDays(30) + "\"");

        http.post().uri("/api/v1/pledges/{id}/withdrawal", withdrawn).header("If-Match", "\"1\"").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("WITHDRAWN");
        // Time passes: the target date is now behind us.
        database.getCollection("pledges").updateOne(new Document("_id", overdue),
                new Document("$set", new Document("targetDate", LocalDate.now(ZoneOffset.UTC).minusDays(1).toString())));
        intake.lapseOverdue();

        http.get().uri("/api/v1/pledges/{id}", overdue).exchange()
                .expectBody().jsonPath("$.status").isEqualTo("LAPSED").jsonPath("$.version").isEqualTo(2);
        http.get().uri("/api/v1/cities/{c}/pledges?status=ACTIVE", cityId).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.totalItems").isEqualTo(1).jsonPath("$.items[0].id").isEqualTo(kept);
        http.get().uri("/api/v1/cities/{c}/pledges?size=2", cityId).exchange()
                .expectBody().jsonPath("$.totalItems").isEqualTo(3).jsonPath("$.items.length()").isEqualTo(2);
        http.get().uri("/api/v1/cities/{c}/pledges?status=GONE", cityId).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("status");
        assertThat(pledgeEvents.awaitKey(cityId, 5, Duration.ofSeconds(20)))
                .filteredOn(e -> PledgeEvents.PLEDGE_UPDATED.equals(e.header("ce_type")))
                .extracting(TopicTail.Event::value)
                .anySatisfy(v -> assertThat(v).contains("\"status\":\"WITHDRAWN\""))
                .anySatisfy(v -> assertThat(v).contains("\"status\":\"LAPSED\""));
    }
}
