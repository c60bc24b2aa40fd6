package org.citypromise.aggregation.messaging;

import org.citypromise.aggregation.domain.PledgeArea;
import org.citypromise.aggregation.domain.PledgeContribution;
import org.citypromise.aggregation.domain.PledgeStatus;
import org.citypromise.aggregation.domain.StakeholderType;
import org.citypromise.backbone.EventContract;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Runs the producers' published examples through aggregation-service's own copies of their events:
 * if a producer changes what it publishes in a way this service cannot read, this fails first.
 */
class ConsumedEventsContractTest {

    private static final EventContract PLEDGE_SUBMITTED = EventContract.publishedBy("pledge-service", "pledge-submitted.v1");
    private static final EventContract CITY_REGISTERED = EventContract.publishedBy("inventory-service", "city-registered.v1");

    private static byte[] bytes(String data) {
        return data.getBytes(StandardCharsets.UTF_8);
    }

    private static EventContract.Example example(List<EventContract.Example> examples, String key) {
        return examples.stream().filter(e -> e.key().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void everyPledgeSubmittedExampleBecomesAContributionOfItsCity() {
        var examples = PLEDGE_SUBMITTED.examples();
        assertThat(examples).isNotEmpty().allSatisfy(example -> {
            assertThat(example.headers()).containsEntry("ce_type", AggregationTopics.PLEDGE_SUBMITTED);
            PledgeContribution contribution = EventReader.contribution(EventReader.readPledge(bytes(example.data())));
            assertThat(contribution.cityId()).isEqualTo(example.key());
            assertThat(example.headers().get("ce_subject")).isEqualTo("pledges/" + contribution.pledgeId());
            assertThat(contribution.version()).isPositive();
        });

        assertThat(EventReader.contribution(EventReader.readPledge(bytes(example(examples, "pasig-city").data()))))
                .isEqualTo(new PledgeContribution("7a0f4c1e-2b5d-4f6a-9c3e-1d8b7e6a5f40", 1, "pasig-city",
                        StakeholderType.HOUSEHOLD, "COOKING_LPG_REDUCTION", "I.1.1", 1, 358_156L, PledgeStatus.ACTIVE, 0, PledgeArea.ENERGY,
                        new org.citypromise.aggregation.domain.FactorUse("LPG", "kgCO2e/kg", 120_000)));
        assertThat(EventReader.contribution(EventReader.readPledge(bytes(example(examples, "jakarta").data()))))
                .isEqualTo(new PledgeContribution("e41c2b7a-9d3f-4a10-8b6e-2c5f7d9a0b18", 1, "jakarta",
                        StakeholderType.BUSINESS, "GENERATOR_DIESEL_REDUCTION", "I.2.1", 1, 7_967_343L, PledgeStatus.ACTIVE, 0, PledgeArea.ENERGY,
                        new org.citypromise.aggregation.domain.FactorUse("GAS_DIESEL_OIL", "kgCO2e/kg", 2_500_500)));
    }

    @Test
    void everyCityRegisteredExampleIsRead() {
        var examples = CITY_REGISTERED.examples();
        assertThat(examples).isNotEmpty().allSatisfy(example -> {
            assertThat(example.headers()).containsEntry("ce_type", AggregationTopics.CITY_REGISTERED);
            CityRegistered city = EventReader.readCity(bytes(example.data()));
            assertThat(city.cityId()).isEqualTo(example.key());
            assertThat(city.population()).isPositive();
        });
        assertThat(EventReader.readCity(bytes(example(examples, "pasig-city").data())))
                .isEqualTo(new CityRegistered("pasig-city", "Pasig City", "PH", 803159L, 1L));
        assertThat(EventReader.readCity(bytes(example(examples, "seoul").data())))
                .isEqualTo(new CityRegistered("seoul", "Seoul", "KR", 9386034L, 3L));
    }

    @Test
    void fieldsAProducerAddsLaterAreIgnored() {
        String pledge = example(PLEDGE_SUBMITTED.examples(), "pasig-city").data()
                .replaceFirst("\\{", "{\"verification\":{\"level\":\"METERED\"},\"tags\":[1,2],");
        assertThat(EventReader.readPledge(bytes(pledge)).estimatedTco2ePerYear()).isEqualByComparingTo("0.358156");

        String city = example(CITY_REGISTERED.examples(), "seoul").data().replaceFirst("\\{", "{\"region\":\"Asia\",");
        assertThat(EventReader.readCity(bytes(city)).name()).isEqualTo("Seoul");
    }

    @Test
    void bodiesWithoutWhatTheViewNeedsAreRefused() {
        String pledge = example(PLEDGE_SUBMITTED.examples(), "pasig-city").data();
        for (String broken : new String[] {
                "null", "[]", "", "{not json", pledge + "{}",
                pledge.replace("\"estimatedTco2ePerYear\":0.358156", "\"estimatedTco2ePerYear\":0.3581565"),
                pledge.replace("\"HOUSEHOLD\"", "\"HOUSEHOLD_PET\""),
                pledge.replace("\"I.1.1\"", "\"I\""),
                pledge.replace("\"version\":1", "\"version\":0"),
                pledge.replace("\"pledgeId\":", "\"pledgeIdentifier\":")}) {
            assertThatThrownBy(() -> EventReader.contribution(EventReader.readPledge(bytes(broken))))
                    .as(broken).isInstanceOf(RuntimeException.class);
        }
        assertThatThrownBy(() -> EventReader.readCity(bytes("{\"cityId\":\"x\",\"name\":\"X\"}")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyPledgeUpdatedExampleBecomesAContributionWithItsStatusAndAchievement() {
        var examples = EventContract.publishedBy("pledge-service", "pledge-updated.v1").examples();
        assertThat(examples).isNotEmpty().allSatisfy(example -> {
            assertThat(example.headers()).containsEntry("ce_type", AggregationTopics.PLEDGE_UPDATED);
            PledgeContribution contribution = EventReader.contribution(EventReader.readPledge(bytes(example.data())));
            assertThat(contribution.cityId()).isEqualTo(example.key());
            assertThat(contribution.version()).isGreaterThan(1);
        });
        assertThat(examples).extracting(example -> EventReader.contribution(
                        EventReader.readPledge(bytes(example.data()))))
                .extracting(PledgeContribution::status, PledgeContribution::achievedGramsPerYear)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(PledgeStatus.FULFILLED, 358_156L),
                        org.assertj.core.groups.Tuple.tuple(PledgeStatus.WITHDRAWN, 119_385L));
    }

    @Test
    void everyInventoryPublishedExampleBecomesTheLatestInventoryInGrams() {
        var examples = EventContract.publishedBy("inventory-service", "inventory-published.v1").examples();
        assertThat(examples).isNotEmpty().allSatisfy(example -> {
            assertThat(example.headers()).containsEntry("ce_type", AggregationTopics.INVENTORY_PUBLISHED);
            InventoryPublished inventory = EventReader.readInventory(bytes(example.data()));
            assertThat(inventory.cityId()).isEqualTo(example.key());
        });
        var latest = EventReader.latest(EventReader.readInventory(bytes(examples.get(0).data())));
        assertThat(latest.year()).isEqualTo(2022);
        assertThat(latest.overall().basicGrams()).isEqualTo(653_340_000_000L);
        assertThat(latest.bySector().get(org.citypromise.aggregation.domain.GpcSector.II).basicPlusGrams())
                .isEqualTo(450_000_000_000L);
    }

    @Test
    void everyTargetSetExampleBecomesACityTarget() {
        var examples = EventContract.publishedBy("inventory-service", "target-set.v1").examples();
        assertThat(examples).hasSizeGreaterThanOrEqualTo(2).allSatisfy(example -> {
            assertThat(example.headers()).containsEntry("ce_type", AggregationTopics.TARGET_SET);
            var target = EventReader.cityTarget(EventReader.readTarget(bytes(example.data())));
            assertThat(target.sectors()).isNotEmpty();
        });
        assertThat(examples).extracting(example -> EventReader.cityTarget(
                        EventReader.readTarget(bytes(example.data()))).targetEmissionsGrams())
                .containsExactlyInAnyOrder(29_652_000_000_000L, 0L);
    }

    @Test
    void everyEmissionFactorsExampleIsRead() {
        var examples = EventContract.publishedBy("inventory-service", "emission-factors-published.v1").examples();
        assertThat(examples).isNotEmpty().allSatisfy(example -> {
            assertThat(example.headers()).containsEntry("ce_type", AggregationTopics.EMISSION_FACTORS_PUBLISHED);
            EmissionFactorsPublished factors = EventReader.readFactors(bytes(example.data()));
            assertThat(factors.cityId()).isEqualTo(example.key());
            assertThat(factors.factors()).isNotEmpty();
        });
        var seoul = EventReader.readFactors(bytes(examples.get(0).data())).factors().get(0);
        assertThat(seoul.code()).isEqualTo("GRID_ELECTRICITY");
        assertThat(seoul.value()).isEqualByComparingTo("0.4594");
        assertThat(seoul.unit()).isEqualTo("kgCO2e/kWh");
    }
}
