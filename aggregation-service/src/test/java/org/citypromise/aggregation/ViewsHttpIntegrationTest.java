package org.citypromise.aggregation;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The views over HTTP: pages, problems naming the field, the OpenAPI document. */
class ViewsHttpIntegrationTest extends ViewsIntegrationTestBase {

    // --- HTTP ---

    @Test
    void viewsAreListedByCityIdAPageAtATime() {
        String prefix = "aaa" + UUID.randomUUID().toString().substring(0, 6).replace("-", "");
        for (String suffix : List.of("c", "a", "b")) {
            pledge(prefix + "-" + suffix, "HOUSEHOLD", "I.1.1", "1");
        }
        for (String suffix : List.of("a", "b", "c")) {
            awaitPledgeCount(prefix + "-" + suffix, 1);
        }

        http.get().uri("/api/v1/cities/contributions?page=0&size=200").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.page").isEqualTo(0)
                .jsonPath("$.size").isEqualTo(200)
                .jsonPath("$.totalItems").value(total -> assertThat(((Number) total).longValue()).isEqualTo(store().count()))
                .jsonPath("$.items[*].cityId").value(ids -> {
                    @SuppressWarnings("unchecked")
                    List<String> cityIds = (List<String>) ids;
                    assertThat(cityIds).isSorted().contains(prefix + "-a", prefix + "-b", prefix + "-c");
                });
        http.get().uri("/api/v1/cities/contributions?size=1").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.page").isEqualTo(0)
                .jsonPath("$.items.length()").isEqualTo(1)
                .jsonPath("$.items[0].pledgeCount").exists();
    }

    @Test
    void unknownCitiesAndBadParametersGetProblemsNamingTheField() {
        http.get().uri("/api/v1/cities/{id}/contributions", unique("atlantis")).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.errors[0].field").isEqualTo("cityId");
        for (String slug : List.of("Not_A_Slug", "seoul-", "-seoul", "se--oul", "a".repeat(65))) {
            http.get().uri("/api/v1/cities/{id}/contributions", slug).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo("cityId");
        }
        for (String query : List.of("size=500", "size=0", "size=x")) {
            http.get().uri("/api/v1/cities/contributions?" + query).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo("size");
        }
        for (String query : List.of("page=-1", "page=x")) {
            http.get().uri("/api/v1/cities/contributions?" + query).exchange()
                    .expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo("page");
        }
    }

    @Test
    void theOpenApiDocumentDescribesTheApi() {
        http.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.info.title").isEqualTo("CityPromise aggregation-service")
                .jsonPath("$.paths['/api/v1/leaderboard']").exists();
    }
}
