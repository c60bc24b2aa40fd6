package org.citypromise.aggregation;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rebuilding the views from the topics' history into a new generation, which serves once caught up. First of the classes
 * sharing the context: a rebuild reproduces what the topics hold, and later tests write what only the
 * serving generation takes (dead letters marked as its own, without their origins).
 */
@org.junit.jupiter.api.Order(1)
class RebuildIntegrationTest extends ViewsIntegrationTestBase {

    // --- Rebuilding the views ---

    /** Every view as the API shows it, without the time of its last write (a rebuild writes anew). */
    private Map<String, String> everyView() {
        var json = tools.jackson.databind.json.JsonMapper.builder().build();
        Map<String, String> views = new java.util.TreeMap<>();
        for (int page = 0; ; page++) {
            var body = json.readTree(http.get().uri("/api/v1/cities/contributions?size=200&page=" + page).exchange()
                    .expectStatus().isOk().expectBody().returnResult().getResponseBodyContent());
            body.path("items").forEach(view -> {
                ((tools.jackson.databind.node.ObjectNode) view).remove("updatedAt");
                views.put(view.get("cityId").asString(), view.toString());
            });
            if (body.path("items").size() < 200) {
                return views;
            }
        }
    }

    @Test
    void viewsRebuiltFromTheTopicsHistoryEqualTheLiveOnesAndServeAtOnceWhenCaughtUp() {
        String cityId = unique("busan");
        city(cityId, "Busan", "KR", 3_300_000, 1);
        Sent first = pledge(cityId, "HOUSEHOLD", "I.1.1", "1.25");
        pledge(cityId, "BUSINESS", "II.1.1", "3");
        write(first); // a relay's repeat
        awaitPledgeCount(cityId, 2);
        Map<String, String> live = everyView();
        int serving = generations.state().serving();

        http.post().uri("/api/v1/admin/rebuilds").exchange()
                .expectStatus().isAccepted()
                .expectBody().jsonPath("$.serving").isEqualTo(serving).jsonPath("$.building").isEqualTo(serving + 1);
        assertThat(generations.state().serving()).as("the old views serve while the new ones are built").isEqualTo(serving);

        await().atMost(Duration.ofSeconds(90)).until(() -> generations.state().serving() == serving + 1);
        try {
            await().atMost(DELIVERY).until(() -> everyView().equals(live));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // say which pledges each generation counted for the cities that differ: what to look at if this fails
            Map<String, String> rebuilt = everyView();
            StringBuilder why = new StringBuilder("rebuilt views differ from the live ones:");
            for (String city : new java.util.TreeSet<>(rebuilt.keySet())) {
                if (!rebuilt.get(city).equals(live.get(city))) {
                    why.append("\n").append(city).append("\n live    ").append(live.get(city))
                            .append("\n rebuilt ").append(rebuilt.get(city));
                    for (int generation : List.of(serving, serving + 1)) {
                        why.append("\n pledges_g").append(generation).append(": ");
                        database.getCollection("pledges_g" + generation).find(new org.bson.Document("s.cityId", city))
                                .forEach(state -> why.append(state.toJson()).append(' '));
                    }
                }
            }
            throw new AssertionError(why.toString(), e);
        }
        http.get().uri("/api/v1/admin/rebuilds").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.serving").isEqualTo(serving + 1).jsonPath("$.previous").isEqualTo(serving)
                .jsonPath("$.building").doesNotExist();
    }
}
