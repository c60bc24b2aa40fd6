package org.citypromise.aggregation;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.citypromise.aggregation.domain.CityContribution;
import org.citypromise.aggregation.domain.GpcSector;
import org.citypromise.aggregation.domain.StakeholderType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Records published again, and records arriving before their city: counted once, stale versions change nothing. */
class RepeatedRecordsIntegrationTest extends ViewsIntegrationTestBase {

    @Test
    void theSameRecordsPublishedAgainAtNewOffsetsChangeNothing() {
        String cityId = unique("hanoi");
        List<Sent> sent = List.of(
                city(cityId, "Hanoi", "VN", 8053663, 1),
                pledge(cityId, "SCHOOL", "III.2.1", "1.5"),
                pledge(cityId, "INDIVIDUAL", "II.1.1", "0.25"),
                pledge(cityId, "HOUSEHOLD", "I.1.1", "0.000001"));
        awaitPledgeCount(cityId, 3);

        // As an outbox relay does after a crash between the broker's ack and removing its entries:
        // the same ce_id, pledgeId and version, at new offsets.
        for (Sent again : sent) {
            RecordMetadata first = write(again);
            assertThat(first.offset()).isPositive();
        }
        pledge(cityId, "BUSINESS", "I.2.1", "2");     // behind the repeats on the same partition

        CityContribution view = awaitPledgeCount(cityId, 4);
        assertThat(view.pledgedGramsPerYear()).isEqualTo(1_500_000L + 250_000L + 1L + 2_000_000L);
        assertThat(view.name()).isEqualTo("Hanoi");
        assertThat(view.byStakeholderType().get(StakeholderType.SCHOOL)).isEqualTo(new CityContribution.Tally(1, 1_500_000L));
        assertThat(database.getCollection("pledges_g" + generations.state().serving()).countDocuments(
                new org.bson.Document("s.cityId", cityId))).as("one counted state per pledge").isEqualTo(4);
    }

    @Test
    void pledgesArrivingBeforeTheirCityCountAndOlderCityVersionsChangeNothing() {
        String cityId = unique("jakarta");
        pledge(cityId, "COMMUNITY_GROUP", "V.2", "3");
        CityContribution early = awaitPledgeCount(cityId, 1);
        assertThat(early.name()).isNull();
        http.get().uri("/api/v1/cities/{id}/contributions", cityId).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.pledgeCount").isEqualTo(1)
                .jsonPath("$.name").doesNotExist();

        city(cityId, "Jakarta", "ID", 10_562_088, 2);
        await().atMost(DELIVERY).until(() -> "Jakarta".equals(store().find(cityId).orElseThrow().name()));

        city(cityId, "Batavia", "NL", 1, 1);
        String marker = unique("marker");
        city(cityId, marker, "Marker", "PH", 1, 1);   // keyed like the city: handled after the stale version
        awaitView(marker);

        http.get().uri("/api/v1/cities/{id}/contributions", cityId).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.name").isEqualTo("Jakarta")
                .jsonPath("$.countryCode").isEqualTo("ID")
                .jsonPath("$.population").isEqualTo(10_562_088)
                .jsonPath("$.pledgeCount").isEqualTo(1)
                .jsonPath("$.pledgedTco2ePerYear").isEqualTo(3.0);
        assertThat(store().find(cityId).orElseThrow().bySector().get(GpcSector.V).pledgeCount()).isEqualTo(1);
    }
}
