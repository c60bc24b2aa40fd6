package org.citypromise.aggregation.messaging;

import org.citypromise.backbone.EventContract;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The examples aggregation-service publishes for its subscribers conform to its own schema. */
class OwnEventExamplesTest {

    @Test
    void everyExampleConformsToItsSchema() {
        var contract = EventContract.own("city-contribution-updated.v1");
        assertThat(contract.examples()).isNotEmpty().allSatisfy(example -> {
            assertThat(contract.violations(example.data())).isEmpty();
            assertThat(example.headers()).containsEntry("ce_type", AggregationTopics.CITY_CONTRIBUTION_UPDATED)
                    .containsEntry("ce_source", ContributionSnapshots.SOURCE)
                    .containsKeys("ce_id", "ce_subject", "ce_time", "ce_specversion");
        });
    }

    @Test
    void theSchemaRefusesASnapshotWithoutItsVersion() {
        var contract = EventContract.own("city-contribution-updated.v1");
        String withoutVersion = contract.examples().get(0).data().replaceFirst("\"version\"\\s*:\\s*\\d+,", "");
        assertThat(contract.violations(withoutVersion)).isNotEmpty();
    }
}
