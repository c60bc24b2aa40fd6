package org.citypromise.aggregation;

import org.citypromise.aggregation.domain.CityContribution;
import org.citypromise.aggregation.domain.StakeholderType;
import org.citypromise.aggregation.messaging.AggregationTopics;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Participants counted once per city by pseudonym; public breakdowns only of groups large enough. */
class ParticipantIntegrationTest extends ViewsIntegrationTestBase {

    @Test
    void participantsAreCountedOncePerCityByTheirPseudonym() {
        String cityId = unique("jakarta");
        Sent first = pledge(cityId, "HOUSEHOLD", "I.1.1", "1");
        Sent second = pledge(cityId, "HOUSEHOLD", "I.1.1", "2");
        Sent other = pledge(cityId, "BUSINESS", "I.2.1", "3");
        pledge(cityId, "SCHOOL", "I.2.2", "4");                          // no participant named
        for (Sent sent : List.of(first, second, other)) {
            String participant = sent == other ? "dev1:" + "b".repeat(64) : "dev1:" + "a".repeat(64);
            write(new Sent(sent.topic(), sent.key(), headers(AggregationTopics.PLEDGE_UPDATED, sent.headers().get("ce_subject")),
                    new String(sent.value(), StandardCharsets.UTF_8)
                            .replace("\"version\":1,", "\"version\":2,")
                            .replace("\"cityId\":", "\"participantId\":\"" + participant + "\",\"cityId\":")
                            .getBytes(StandardCharsets.UTF_8)));
        }
        write(new Sent(first.topic(), first.key(), headers(AggregationTopics.PLEDGE_UPDATED, first.headers().get("ce_subject")),
                new String(first.value(), StandardCharsets.UTF_8).replace("\"version\":1,", "\"version\":3,")
                        .replace("\"cityId\":", "\"participantId\":\"dev1:" + "a".repeat(64) + "\",\"cityId\":")
                        .getBytes(StandardCharsets.UTF_8)));          // the same participant again: still one
        Sent marker = pledge(cityId, "INDIVIDUAL", "I.1.1", "0.000001");
        awaitPledgeCount(cityId, 5);
        http.get().uri("/api/v1/cities/{id}/contributions", cityId).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.participantCount").isEqualTo(2);
        assertThat(marker.key()).isEqualTo(cityId);
    }

    @Test
    void publicBreakdownsShowOnlyGroupsOfFiveOrMoreParticipants() {
        String cityId = unique("seoul");
        city(cityId, "Seoul", "KR", 9_386_034, 1);
        for (int i = 0; i < 5; i++) {
            pledgeBy("household-" + i, cityId, "HOUSEHOLD", "I.1.1", "1");
        }
        pledgeBy("household-0", cityId, "HOUSEHOLD", "I.1.1", "1");           // a participant's second pledge
        for (int i = 0; i < 6; i++) {
            pledgeBy("school-" + i, cityId, "SCHOOL", "II.1.1", "2");
        }
        pledgeBy("business-0", cityId, "BUSINESS", "III.1.1", "30");
        pledgeBy("business-1", cityId, "BUSINESS", "III.1.1", "40");
        pledgeBy("community-0", cityId, "COMMUNITY_GROUP", "III.1.1", "3");
        awaitPledgeCount(cityId, 15);

        http.get().uri("/api/v1/cities/{id}/contributions", cityId).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.pledgeCount").isEqualTo(15)
                .jsonPath("$.participantCount").isEqualTo(14)
                .jsonPath("$.pledgedTco2ePerYear").isEqualTo(91.0)      // the small groups' 73 t counted
                .jsonPath("$.byStakeholderType.HOUSEHOLD.pledgeCount").isEqualTo(6)
                .jsonPath("$.byStakeholderType.HOUSEHOLD.participantCount").isEqualTo(5)
                .jsonPath("$.byStakeholderType.SCHOOL.pledgedTco2ePerYear").isEqualTo(12.0)
                .jsonPath("$.byStakeholderType.BUSINESS").doesNotExist()
                .jsonPath("$.byStakeholderType.COMMUNITY_GROUP").doesNotExist()
                // sector III (businesses and the community group) is the only small sector; sector I, the next
                // smallest, goes with it, or 91 - 12 - 6 would give sector III's 73 t away
                .jsonPath("$.bySector.II.participantCount").isEqualTo(6)
                .jsonPath("$.bySector.I").doesNotExist()
                .jsonPath("$.bySector.III").doesNotExist();
        http.get().uri("/api/v1/countries/KR/contributions").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.byStakeholderType.BUSINESS").doesNotExist();
        // the view counts them all: 2 business participants, exactly
        assertThat(store().find(cityId).orElseThrow().byStakeholderType().get(StakeholderType.BUSINESS))
                .isEqualTo(new CityContribution.Tally(2, 70_000_000, 2));
    }

    private static Sent pledgeBy(String participant, String cityId, String stakeholderType, String gpcRef, String tco2e) {
        Sent plain = pledge(cityId, stakeholderType, gpcRef, tco2e, false);
        Sent named = new Sent(plain.topic(), plain.key(), plain.headers(), new String(plain.value(), StandardCharsets.UTF_8)
                .replace("\"cityId\":", "\"participantId\":\"dev1:" + participant + "\",\"cityId\":")
                .getBytes(StandardCharsets.UTF_8));
        write(named);
        return named;
    }
}
