package org.citypromise.web.messaging;

import org.citypromise.backbone.EventContract;
import org.citypromise.web.api.CityContribution;
import org.citypromise.web.application.CityUpdates;
import org.citypromise.web.domain.LiveNumbers;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** aggregation-service's own example snapshots, read through this site's copies of what it reads. */
class ConsumedEventsContractTest {

    private static final EventContract SNAPSHOT =
            EventContract.publishedBy("aggregation-service", "city-contribution-updated.v1");
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void everyExampleSnapshotGivesAPageItsNumbers() {
        assertThat(SNAPSHOT.examples()).isNotEmpty().allSatisfy(example -> {
            assertThat(example.headers()).containsEntry("ce_type", CityContributionUpdated.TYPE);
            CityContributionsSubscription subscription = new CityContributionsSubscription(new CityUpdates(), json);
            LiveNumbers numbers = subscription.read(example.data().getBytes(StandardCharsets.UTF_8)).numbers();
            assertThat(numbers.cityId()).isEqualTo(example.key());
            assertThat(numbers.version()).isPositive();
            assertThat(numbers.pledgedTco2ePerYear()).isNotNull();
        });
        LiveNumbers seoul = new CityContributionsSubscription(new CityUpdates(), json)
                .read(SNAPSHOT.examples().get(0).data().getBytes(StandardCharsets.UTF_8)).numbers();
        assertThat(seoul).isEqualTo(new LiveNumbers("seoul", 1000000000017L, 2, 2, new BigDecimal("12.98463"),
                BigDecimal.ZERO, new BigDecimal("0.09")));
    }

    @Test
    void theSnapshotsContributionIsTheApisAnswerAndReadsAsTheCityPageReadsIt() {
        String contribution = json.readTree(SNAPSHOT.examples().get(0).data()).get("contribution").toString();
        CityContribution view = json.readValue(contribution, CityContribution.class);
        assertThat(view.name()).isEqualTo("Seoul");
        assertThat(view.target().targetYear()).isEqualTo(2030);
        assertThat(view.latestInventory().year()).isEqualTo(2022);
        assertThat(view.byStakeholderType()).containsKeys("HOUSEHOLD", "BUSINESS");
        assertThat(view.daily()).hasSize(1);
    }

    @Test
    void anOlderSnapshotThanOneAlreadyPassedOnIsDropped() {
        CityUpdates updates = new CityUpdates();
        java.util.List<LiveNumbers> passed = new java.util.ArrayList<>();
        updates.listen(passed::add);
        LiveNumbers newer = new LiveNumbers("seoul", 5, 1, 1, BigDecimal.TEN, BigDecimal.ZERO, null);
        LiveNumbers older = new LiveNumbers("seoul", 4, 1, 1, BigDecimal.ONE, BigDecimal.ZERO, null);
        assertThat(updates.arrived(newer)).isTrue();
        assertThat(updates.arrived(older)).isFalse();
        assertThat(updates.arrived(newer)).isFalse();
        assertThat(passed).containsExactly(newer);
    }
}
