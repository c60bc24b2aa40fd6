package org.citypromise.aggregation.messaging;

import org.citypromise.aggregation.domain.GpcSector;
import org.citypromise.aggregation.domain.PledgeContribution;
import org.citypromise.aggregation.domain.StakeholderType;
import org.citypromise.backbone.EventContract;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the producers' published examples through aggregation-service's own copies of their events. */
class ConsumedEventsContractTest {

    private static byte[] bytes(EventContract.Example example) {
        return example.data().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyPledgeSubmittedExampleBecomesAContribution() {
        var examples = EventContract.publishedBy("pledge-service", "pledge-submitted.v1").examples();
        assertThat(examples).isNotEmpty().allSatisfy(example -> {
            assertThat(example.headers()).containsEntry("ce_type", AggregationTopics.PLEDGE_SUBMITTED);
            PledgeContribution contribution = ContributionEvents.contribution(ContributionEvents.readPledge(bytes(example)));
            assertThat(contribution.cityId()).isEqualTo(example.key());
            assertThat(contribution.version()).isPositive();
        });
        PledgeContribution household = ContributionEvents.contribution(ContributionEvents.readPledge(bytes(
                examples.stream().filter(e -> e.key().equals("pasig-city")).findFirst().orElseThrow())));
        assertThat(household).isEqualTo(new PledgeContribution("7a0f4c1e-2b5d-4f6a-9c3e-1d8b7e6a5f40", 1, "pasig-city",
                StakeholderType.HOUSEHOLD, GpcSector.I, 358_156L));
    }

    @Test
    void everyCityRegisteredExampleIsRead() {
        var examples = EventContract.publishedBy("inventory-service", "city-registered.v1").examples();
        assertThat(examples).isNotEmpty().allSatisfy(example -> {
            assertThat(example.headers()).containsEntry("ce_type", AggregationTopics.CITY_REGISTERED);
            CityRegistered city = ContributionEvents.readCity(bytes(example));
            assertThat(city.cityId()).isEqualTo(example.key());
            assertThat(city.population()).isPositive();
        });
        assertThat(ContributionEvents.readCity(bytes(examples.stream().filter(e -> e.key().equals("pasig-city"))
                .findFirst().orElseThrow())))
                .isEqualTo(new CityRegistered("pasig-city", "Pasig City", "PH", 803159, 1));
    }
}
