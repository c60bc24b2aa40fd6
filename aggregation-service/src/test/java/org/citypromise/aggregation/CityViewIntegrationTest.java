package org.citypromise.aggregation;

import org.citypromise.aggregation.domain.CityContribution;
import org.citypromise.aggregation.domain.GpcSector;
import org.citypromise.aggregation.domain.StakeholderType;
import org.citypromise.aggregation.messaging.AggregationTopics;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A city's view: its pledges summed exactly with breakdowns, lifecycle updates, its inventory, target and gap. */
class CityViewIntegrationTest extends ViewsIntegrationTestBase {

    // --- The views ---

    @Test
    void aCitysViewSumsItsPledgesExactlyWithBreakdowns() {
        String cityId = unique("pasig");
        city(cityId, "Pasig City", "PH", 803159, 1);
        pledge(cityId, "HOUSEHOLD", "I.1.1", "0.358156");
        pledge(cityId, "HOUSEHOLD", "II.1.1", "0.920997");
        pledge(cityId, "BUSINESS", "I.2.1", "7.967343");
        awaitPledgeCount(cityId, 3);
        await().atMost(DELIVERY).until(() -> "Pasig City".equals(store().find(cityId).orElseThrow().name()));

        // 0.358156 + 0.920997 + 7.967343 = 9.246496 t; households 0.358156 + 0.920997 = 1.279153;
        // sector I 0.358156 + 7.967343 = 8.325499; sector II 0.920997.
        byte[] body = http.get().uri("/api/v1/cities/{id}/contributions", cityId).exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.cityId").isEqualTo(cityId)
                .jsonPath("$.name").isEqualTo("Pasig City")
                .jsonPath("$.countryCode").isEqualTo("PH")
                .jsonPath("$.population").isEqualTo(803159)
                .jsonPath("$.pledgeCount").isEqualTo(3)
                .jsonPath("$.pledgedTco2ePerYear").isEqualTo(9.246496)
                // every pledge was made on 2026-11-24 (pledgedAt): one day in the daily series
                .jsonPath("$.daily.length()").isEqualTo(1)
                .jsonPath("$.daily[0].date").isEqualTo("2026-11-24")
                .jsonPath("$.daily[0].newPledges").isEqualTo(3)
                .jsonPath("$.daily[0].pledgedTco2ePerYearChange").isEqualTo(9.246496)
                // no participant named: every group too small to show publicly (see publicBreakdowns...)
                .jsonPath("$.byStakeholderType").isEmpty()
                .jsonPath("$.bySector").isEmpty()
                .jsonPath("$.updatedAt").exists()
                .returnResult().getResponseBodyContent();
        assertThat(new String(body, StandardCharsets.UTF_8)).as("decimals as written, not as binary floating point")
                .contains("\"pledgedTco2ePerYear\":9.246496");
        // the view itself holds the breakdowns exactly
        CityContribution view = store().find(cityId).orElseThrow();
        assertThat(view.byStakeholderType()).isEqualTo(Map.of(
                StakeholderType.HOUSEHOLD, new CityContribution.Tally(2, 1_279_153),
                StakeholderType.BUSINESS, new CityContribution.Tally(1, 7_967_343)));
        assertThat(view.bySector()).isEqualTo(Map.of(GpcSector.I, new CityContribution.Tally(2, 8_325_499),
                GpcSector.II, new CityContribution.Tally(1, 920_997)));
    }

    /** A later version of a pledge, as pledge-service announces a progress report, withdrawal or lapse. */
    private static Sent pledgeUpdate(Sent submitted, long version, String status, String achievedTco2e) {
        String body = new String(submitted.value(), StandardCharsets.UTF_8)
                .replace("\"status\":\"ACTIVE\",\"version\":1,",
                        "\"status\":\"" + status + "\",\"version\":" + version + ",\"achievedTco2ePerYear\":" + achievedTco2e + ",");
        Sent sent = new Sent(AggregationTopics.PLEDGE_EVENTS, submitted.key(),
                headers(AggregationTopics.PLEDGE_UPDATED, submitted.headers().get("ce_subject")),
                body.getBytes(StandardCharsets.UTF_8));
        write(sent);
        return sent;
    }

    @Test
    void lifecycleUpdatesMoveCountsBetweenStatusesAndOnlyStandingPledgesCountAsPledged() {
        String cityId = unique("pasig");
        city(cityId, "Pasig City", "PH", 803_159, 1);
        Sent fulfilled = pledge(cityId, "HOUSEHOLD", "I.1.1", "0.358156");
        Sent withdrawn = pledge(cityId, "BUSINESS", "I.2.1", "7.967343");
        pledge(cityId, "SCHOOL", "II.1.1", "0.920997");
        awaitPledgeCount(cityId, 3);

        pledgeUpdate(fulfilled, 2, "ACTIVE", "0.179078");
        pledgeUpdate(fulfilled, 3, "FULFILLED", "0.358156");
        pledgeUpdate(withdrawn, 2, "WITHDRAWN", "1.000000");
        pledgeUpdate(fulfilled, 2, "ACTIVE", "0.179078");       // a late repeat of an older version: no effect
        await().atMost(DELIVERY).until(() -> store().find(cityId).map(v -> v.byStatus()
                .get(org.citypromise.aggregation.domain.PledgeStatus.WITHDRAWN).pledgeCount() == 1).orElse(false));
        Sent marker = pledge(cityId, "INDIVIDUAL", "I.1.1", "0.000001");   // same partition: read after the above
        awaitPledgeCount(cityId, 4);

        // pledged: fulfilled 0.358156 + active 0.920997 + marker 0.000001 = 1.279154 (the withdrawn 7.967343 is off)
        // achieved: 0.358156 + 1.000000 = 1.358156
        http.get().uri("/api/v1/cities/{id}/contributions", cityId).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.pledgeCount").isEqualTo(4)
                .jsonPath("$.countsByStatus.ACTIVE").isEqualTo(2)
                .jsonPath("$.countsByStatus.FULFILLED").isEqualTo(1)
                .jsonPath("$.countsByStatus.WITHDRAWN").isEqualTo(1)
                .jsonPath("$.countsByStatus.LAPSED").isEqualTo(0)
                .jsonPath("$.pledgedTco2ePerYear").isEqualTo(1.279154)
                .jsonPath("$.achievedTco2ePerYear").isEqualTo(1.358156);
        CityContribution view = store().find(cityId).orElseThrow();
        assertThat(view.byStakeholderType().get(StakeholderType.BUSINESS)).isEqualTo(new CityContribution.Tally(1, 0));
        assertThat(view.byArea().get(org.citypromise.aggregation.domain.PledgeArea.ENERGY))
                .isEqualTo(new CityContribution.Tally(4, 1_279_154));
        assertThat(marker.key()).isEqualTo(cityId);
    }

    private static void inventory(String cityId, int year, long version, String basic, String sectorI, String sectorII) {
        write(new Sent(AggregationTopics.INVENTORY_EVENTS, cityId,
                headers(AggregationTopics.INVENTORY_PUBLISHED, "cities/" + cityId + "/inventories/" + year),
                ("{\"cityId\":\"%s\",\"year\":%d,\"version\":%d,\"gwpSet\":\"AR5\",\"rows\":[],"
                        + "\"totals\":{\"basic\":%s,\"basicPlus\":%s,\"territorial\":0},"
                        + "\"bySector\":{\"I\":{\"basic\":%s,\"basicPlus\":%s,\"territorial\":0},"
                        + "\"II\":{\"basic\":%s,\"basicPlus\":%s,\"territorial\":0}},\"publishedAt\":\"2026-11-24T10:00:00Z\"}")
                        .formatted(cityId, year, version, basic, basic, sectorI, sectorI, sectorII, sectorII)
                        .getBytes(StandardCharsets.UTF_8)));
    }

    private static void target(String cityId, long version, String allowed) {
        write(new Sent(AggregationTopics.INVENTORY_EVENTS, cityId,
                headers(AggregationTopics.TARGET_SET, "cities/" + cityId + "/target"),
                ("{\"cityId\":\"%s\",\"version\":%d,\"type\":\"BASE_YEAR\",\"baseYear\":2005,\"targetYear\":2030,"
                        + "\"reductionPercent\":40,\"sectors\":[\"I\",\"II\",\"III\",\"IV\",\"V\"],\"gases\":[\"CO2\"],"
                        + "\"boundary\":\"BASIC\",\"baseYearEmissionsTco2e\":42000,\"targetEmissionsTco2e\":%s,"
                        + "\"setAt\":\"2026-11-24T10:00:00Z\"}").formatted(cityId, version, allowed)
                        .getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theViewShowsTheLatestInventoryTheTargetAndTheShareOfTheGapActivePledgesCover() {
        String cityId = unique("seoul");
        city(cityId, "Seoul", "KR", 9_386_034, 1);
        inventory(cityId, 2022, 1, "40000", "30000", "10000");
        inventory(cityId, 2019, 3, "50000", "40000", "10000");       // an older year: not the latest
        target(cityId, 1, "25200");
        pledge(cityId, "HOUSEHOLD", "I.1.2", "420");
        pledge(cityId, "BUSINESS", "I.2.2", "84");
        awaitPledgeCount(cityId, 2);

        // gap: 40,000 - 25,200 = 14,800 t; active pledges 504 t cover 504 / 14,800 = 3.405...% -> 3.41
        http.get().uri("/api/v1/cities/{id}/contributions", cityId).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.latestInventory.year").isEqualTo(2022)
                .jsonPath("$.latestInventory.basicTco2e").isEqualTo(40000.0)
                .jsonPath("$.target.type").isEqualTo("BASE_YEAR")
                .jsonPath("$.target.targetYear").isEqualTo(2030)
                .jsonPath("$.targetEmissionsTco2e").isEqualTo(25200.0)
                .jsonPath("$.targetGapTco2e").isEqualTo(14800.0)
                .jsonPath("$.gapCoveragePercent").isEqualTo(3.41);

        // a re-published 2022 (version 2) replaces it; a stale target version changes nothing
        inventory(cityId, 2022, 2, "39000", "29000", "10000");
        target(cityId, 0 + 1, "1");
        pledge(cityId, "SCHOOL", "II.1.1", "1");
        awaitPledgeCount(cityId, 3);
        http.get().uri("/api/v1/cities/{id}/contributions", cityId).exchange()
                .expectBody()
                .jsonPath("$.latestInventory.basicTco2e").isEqualTo(39000.0)
                .jsonPath("$.targetEmissionsTco2e").isEqualTo(25200.0)
                // 39,000 - 25,200 = 13,800; 505 / 13,800 = 3.659...% -> 3.66
                .jsonPath("$.targetGapTco2e").isEqualTo(13800.0)
                .jsonPath("$.gapCoveragePercent").isEqualTo(3.66);
    }
}
