package org.citypromise.pledge.messaging;

import org.citypromise.backbone.EventContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs inventory-service's published examples through pledge-service's own copy of the event. */
class InventoryEventsContractTest {

    @Test
    void ourCopyReadsEveryPublishedCityRegisteredExample() {
        var contract = EventContract.publishedBy("inventory-service", "city-registered.v1");
        assertThat(contract.examples()).isNotEmpty().allSatisfy(example -> {
            assertThat(example.headers()).containsEntry("ce_type", PledgeEvents.CITY_REGISTERED);
            CityRegistered city = InventoryEventsListener.read(example.data().getBytes(StandardCharsets.UTF_8));
            assertThat(city.cityId()).isEqualTo(example.key());
            assertThat(city.version()).isPositive();
            assertThat(city.countryCode()).hasSize(2);
            assertThat(contract.violations(example.data())).isEmpty();
        });
        CityRegistered pasig = InventoryEventsListener.read(contract.examples().stream()
                .filter(e -> e.key().equals("pasig-city")).findFirst().orElseThrow().data()
                .getBytes(StandardCharsets.UTF_8));
        assertThat(pasig).isEqualTo(new CityRegistered("pasig-city", "Pasig City", "PH", 1));
    }

    @Test
    void ourCopyReadsEveryPublishedEmissionFactorsExample() {
        var contract = EventContract.publishedBy("inventory-service", "emission-factors-published.v1");
        assertThat(contract.examples()).isNotEmpty().allSatisfy(example -> {
            assertThat(example.headers()).containsEntry("ce_type", PledgeEvents.EMISSION_FACTORS_PUBLISHED);
            EmissionFactorsPublished published = InventoryEventsListener.readFactors(
                    example.data().getBytes(StandardCharsets.UTF_8));
            assertThat(published.cityId()).isEqualTo(example.key());
            assertThat(published.factors()).isNotEmpty().allSatisfy(factor -> {
                assertThat(factor.code()).isNotBlank();
                assertThat(factor.source()).isNotBlank();
            });
        });
        EmissionFactorsPublished seoul = InventoryEventsListener.readFactors(contract.examples().get(0).data()
                .getBytes(StandardCharsets.UTF_8));
        assertThat(seoul.factors().get(0).code()).isEqualTo("GRID_ELECTRICITY");
        assertThat(seoul.factors().get(0).value()).isEqualByComparingTo("0.4594");
        assertThat(seoul.factors().get(0).unit()).isEqualTo("kgCO2e/kWh");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pledge-submitted.v1", "pledge-updated.v1"})
    void ourOwnExamplesConformToOurSchemas(String event) {
        var contract = EventContract.own(event);
        assertThat(contract.examples()).isNotEmpty().allSatisfy(example -> {
            assertThat(contract.violations(example.data())).isEmpty();
            assertThat(example.headers()).containsEntry("ce_type", "org.citypromise.pledge." + event)
                    .containsEntry("ce_source", PledgeEvents.SOURCE);
        });
    }
}
