package org.citypromise.aggregation;

import org.citypromise.aggregation.application.ViewConsumers;
import org.citypromise.aggregation.domain.CityContribution;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** What cannot be written: a store outage holds the pledges; a store that loses its last writes has them read again. */
class StoreOutageIntegrationTest extends ViewsIntegrationTestBase {

    @Test
    void aStoreOutageHoldsThePledgesUntilTheStoreTakesThem() {
        String cityId = unique("manila");
        StoreOutages.failuresLeft.put(cityId, new AtomicInteger(8));

        pledge(cityId, "HOUSEHOLD", "I.1.1", "0.358156");
        pledge(cityId, "SCHOOL", "III.2", "1");

        CityContribution view = awaitPledgeCount(cityId, 2);
        assertThat(view.pledgedGramsPerYear()).isEqualTo(1_358_156L);
        assertThat(StoreOutages.failuresLeft.get(cityId).get()).as("every failure was retried").isNegative();
        assertThat(StoreOutages.attempts.get(cityId).get()).isGreaterThanOrEqualTo(9);
    }

    // --- A store that loses its last writes ---

    @Autowired
    ViewConsumers consumers;

    @Test
    void whenTheStoreLosesItsLastWritesTheRecordsItLostAreReadAgain() {
        String cityId = unique("cebu");
        pledge(cityId, "HOUSEHOLD", "I.1.1", "1");
        awaitPledgeCount(cityId, 1);
        Map<String, List<org.bson.Document>> before = storeContents();

        pledge(cityId, "SCHOOL", "II.1.1", "2");
        pledge(cityId, "BUSINESS", "III.1.1", "4");
        awaitPledgeCount(cityId, 3);

        // The store comes back without its last writes, while the service runs on.
        restore(before);
        assertThat(store().find(cityId).orElseThrow().pledgeCount()).isEqualTo(1);
        pledge(cityId, "INDIVIDUAL", "V.1", "8");

        CityContribution view = awaitPledgeCount(cityId, 4);
        assertThat(view.pledgedGramsPerYear()).isEqualTo(15_000_000L);

        // and after a restart, which resumes from the store's checkpoints rather than Kafka's offsets
        restore(before);
        consumers.stop();
        consumers.start();
        assertThat(awaitPledgeCount(cityId, 4).pledgedGramsPerYear()).isEqualTo(15_000_000L);
    }

    private static final List<String> COLLECTIONS = List.of("city_contributions_g", "pledges_g", "participants_g",
            "checkpoints_g");

    private Map<String, List<org.bson.Document>> storeContents() {
        int generation = generations.state().serving();
        Map<String, List<org.bson.Document>> contents = new java.util.HashMap<>();
        COLLECTIONS.forEach(name -> contents.put(name, database.getCollection(name + generation).find()
                .into(new java.util.ArrayList<>())));
        return contents;
    }

    private void restore(Map<String, List<org.bson.Document>> contents) {
        int generation = generations.state().serving();
        COLLECTIONS.forEach(name -> {
            var collection = database.getCollection(name + generation);
            collection.deleteMany(new org.bson.Document());
            if (!contents.get(name).isEmpty()) {
                collection.insertMany(contents.get(name));
            }
        });
    }
}
