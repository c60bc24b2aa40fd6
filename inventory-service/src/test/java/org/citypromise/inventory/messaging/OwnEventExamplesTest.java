package org.citypromise.inventory.messaging;

import org.citypromise.backbone.EventContract;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The examples inventory-service publishes for its consumers conform to its own schemas. */
class OwnEventExamplesTest {

    @ParameterizedTest
    @ValueSource(strings = {"city-registered.v1", "inventory-published.v1", "target-set.v1",
            "emission-factors-published.v1"})
    void everyExampleConformsToItsSchema(String event) {
        var contract = EventContract.own(event);
        assertThat(contract.examples()).isNotEmpty().allSatisfy(example -> {
            assertThat(contract.violations(example.data())).isEmpty();
            assertThat(example.headers()).containsEntry("ce_type", "org.citypromise.inventory." + event)
                    .containsEntry("ce_source", InventoryEvents.SOURCE)
                    .containsKeys("ce_id", "ce_subject", "ce_time", "ce_specversion");
        });
    }
}
