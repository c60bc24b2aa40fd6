package org.citypromise.aggregation;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Cities added up per country and for the world, and ranked on the leaderboard. */
class RollUpIntegrationTest extends ViewsIntegrationTestBase {

    @Test
    void citiesAddUpPerCountryAndForTheWorldAndRankOnTheLeaderboard() {
        // Unique two-letter countries keep this test's roll-up apart from other tests' cities.
        String[] countries = {"TV", "NR"};
        String tuvalu = unique("funafuti");
        String nauru = unique("yaren");
        city(tuvalu, "Funafuti", countries[0], 6_000, 1);
        city(nauru, "Yaren", countries[1], 1_000, 1);
        pledge(tuvalu, "HOUSEHOLD", "I.1.1", "3");
        pledge(tuvalu, "BUSINESS", "II.1.1", "2");
        pledge(nauru, "SCHOOL", "III.1.1", "4");
        awaitPledgeCount(tuvalu, 2);
        awaitPledgeCount(nauru, 1);

        http.get().uri("/api/v1/countries/{c}/contributions", countries[0]).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.scope").isEqualTo("TV")
                .jsonPath("$.cityCount").isEqualTo(1)
                .jsonPath("$.pledgeCount").isEqualTo(2)
                .jsonPath("$.pledgedTco2ePerYear").isEqualTo(5.0)
                .jsonPath("$.bySector").isEmpty();    // groups of no named participants: not shown
        http.get().uri("/api/v1/contributions/global").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.scope").isEqualTo("GLOBAL")
                .jsonPath("$.cityCount").value(count -> assertThat(((Number) count).intValue()).isGreaterThanOrEqualTo(2))
                .jsonPath("$.pledgedTco2ePerYear").value(total ->
                        assertThat(new java.math.BigDecimal(total.toString())).isGreaterThanOrEqualTo(new java.math.BigDecimal("9")));
        // per capita: Yaren 4 t / 1,000 = 0.004 t ahead of Funafuti 5 t / 6,000 = 0.000833333
        http.get().uri("/api/v1/leaderboard?sortBy=PER_CAPITA&size=200").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.sortBy").isEqualTo("PER_CAPITA")
                .jsonPath("$.items[?(@.cityId == '" + nauru + "')].tco2ePerCapita").isEqualTo(java.util.List.of(0.004))
                .jsonPath("$.items[?(@.cityId == '" + tuvalu + "')].tco2ePerCapita").isEqualTo(java.util.List.of(0.000833333));
        http.get().uri("/api/v1/countries/XX/contributions").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("countryCode");
        http.get().uri("/api/v1/countries/AQ/contributions").exchange()
                .expectStatus().isNotFound().expectBody().jsonPath("$.errors[0].field").isEqualTo("countryCode");
        http.get().uri("/api/v1/leaderboard?sortBy=LOUDEST").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("sortBy");
    }
}
