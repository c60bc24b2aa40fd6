package org.citypromise.aggregation.store;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.citypromise.aggregation.domain.CityContribution;
import org.citypromise.aggregation.domain.GpcSector;
import org.citypromise.aggregation.domain.Outcome;
import org.citypromise.aggregation.domain.PledgeArea;
import org.citypromise.aggregation.domain.Position;
import org.citypromise.aggregation.domain.ViewEvent;
import org.citypromise.aggregation.domain.PledgeContribution;
import org.citypromise.aggregation.domain.PledgeStatus;
import org.citypromise.aggregation.domain.StakeholderType;
import org.citypromise.aggregation.messaging.AggregationTopics;
import org.citypromise.backbone.Backbone;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The store's guards against the real store of the test backbone (mongo-java-server here, MongoDB
 * where Docker runs), driven directly rather than through Kafka so that redelivery, a crash between
 * the writes and a second writer happen exactly where we put them.
 */
class ExactCountingTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 24);

    private static MongoClient client;
    private static MongoDatabase database;
    private static ContributionStore store;
    private static Checkpoints checkpoints;

    @BeforeAll
    static void connect() {
        String name = "aggregation-store-" + UUID.randomUUID().toString().substring(0, 8);
        client = MongoClients.create(Backbone.get().mongoUri(name));
        database = client.getDatabase(name);
        store = new ContributionStore(database.getCollection("views"), database.getCollection("pledges"),
                database.getCollection("participants"));
        checkpoints = new Checkpoints(database.getCollection("checkpoints"));
    }

    @AfterAll
    static void disconnect() {
        database.drop();
        client.close();
    }

    private static String unique(String city) {
        return city + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static PledgeContribution pledge(String pledgeId, String cityId, long version, StakeholderType type,
                                             String gpcRef, long grams) {
        return new PledgeContribution(pledgeId, version, cityId, type, "COOKING_LPG_REDUCTION", gpcRef, 1, grams,
                PledgeStatus.ACTIVE, 0, PledgeArea.ENERGY, null);
    }

    private static PledgeContribution pledge(String cityId, long grams) {
        return pledge(UUID.randomUUID().toString(), cityId, 1, StakeholderType.HOUSEHOLD, "I.1.1", grams);
    }

    private static ViewEvent.Pledge at(int partition, long offset, PledgeContribution pledge) {
        return at(partition, offset, pledge, null);
    }

    private static ViewEvent.Pledge at(int partition, long offset, PledgeContribution pledge, String participant) {
        return new ViewEvent.Pledge(pledge, participant, DAY,
                new Position(AggregationTopics.PLEDGE_EVENTS, partition, offset));
    }

    private static List<Outcome> apply(ViewEvent... events) {
        return store.apply(List.of(events), Instant.now());
    }

    private static CityContribution view(String cityId) {
        return store.find(cityId).orElseThrow();
    }

    // --- The store features the guards rest on, as this store really behaves ---

    @Test
    void aRevisionGuardedReplaceThatMissesIsRefusedWithADuplicateKeyNamingItsPlaceInTheBulk() {
        MongoCollection<Document> scratch = database.getCollection("scratch-" + UUID.randomUUID());
        scratch.createIndex(Indexes.ascending("_id", "rev"), new IndexOptions().unique(true));
        scratch.insertOne(new Document("_id", "a").append("rev", 3L));
        var upsert = new ReplaceOptions().upsert(true);

        assertThatThrownBy(() -> scratch.bulkWrite(List.of(
                new ReplaceOneModel<>(Filters.and(Filters.eq("_id", "b"), Filters.eq("rev", 0L)),
                        new Document("_id", "b").append("rev", 1L), upsert),
                new ReplaceOneModel<>(Filters.and(Filters.eq("_id", "a"), Filters.eq("rev", 2L)),
                        new Document("_id", "a").append("rev", 9L), upsert),
                new ReplaceOneModel<>(Filters.and(Filters.eq("_id", "a"), Filters.eq("rev", 3L)),
                        new Document("_id", "a").append("rev", 4L), upsert)), new BulkWriteOptions().ordered(false)))
                .isInstanceOfSatisfying(MongoBulkWriteException.class, e -> {
                    assertThat(e.getWriteErrors()).hasSize(1);
                    assertThat(e.getWriteErrors().get(0).getIndex()).isEqualTo(1);
                    assertThat(e.getWriteErrors().get(0).getCode()).isEqualTo(11000);
                });
        assertThat(scratch.find(Filters.eq("_id", "a")).first().getLong("rev")).isEqualTo(4L);
        assertThat(scratch.find(Filters.eq("_id", "b")).first().getLong("rev")).isEqualTo(1L);
    }

    @Test
    void maxOfAStateLedByItsVersionKeepsTheNewestWhateverTheOrderOfWrites() {
        MongoCollection<Document> scratch = database.getCollection("scratch-" + UUID.randomUUID());
        var upsert = new UpdateOptions().upsert(true);
        for (long version : new long[] {2, 5, 3, 1, 5}) {
            scratch.updateOne(Filters.eq("_id", "p"), Updates.max("s", new Document("version", version)
                    .append("gramsPerYear", 1_000L - version)), upsert);
        }
        assertThat(scratch.find(Filters.eq("_id", "p")).first().get("s", Document.class))
                .isEqualTo(new Document("version", 5L).append("gramsPerYear", 995L));
    }

    // --- Redelivery and crashes ---

    @Test
    void aBatchHandledTwiceAtTheSameOffsetsIsCountedOnce() {
        String cityId = unique("seoul");
        ViewEvent[] batch = {at(2, 41, pledge(cityId, 358_156)), at(2, 42, pledge(cityId, 1_000_000))};

        assertThat(apply(batch)).containsOnly(Outcome.APPLIED);
        assertThat(apply(batch)).containsOnly(Outcome.ALREADY_APPLIED);

        assertThat(view(cityId).pledgeCount()).isEqualTo(2);
        assertThat(view(cityId).pledgedGramsPerYear()).isEqualTo(1_358_156);
        assertThat(database.getCollection("views").find(Filters.eq("_id", cityId)).first()
                .get("positions", Document.class)).isEqualTo(new Document("pledge-events-2", 42L));
    }

    @Test
    void aCrashBetweenTheViewsAndThePledgeStatesIsRepairedByTheRedelivery() {
        String cityId = unique("seoul");
        String pledgeId = UUID.randomUUID().toString();
        var first = pledge(pledgeId, cityId, 1, StakeholderType.BUSINESS, "II.1.1", 920_997);
        var second = pledge(pledgeId, cityId, 2, StakeholderType.BUSINESS, "II.1.1", 500_000);

        // The crash: the views took the batch, the states were never written, the offsets never committed.
        assertThat(store.plan(List.of(at(3, 7, first)), Instant.now()).writeViews()).isEmpty();
        assertThat(store.counted(pledgeId)).isEmpty();
        assertThat(view(cityId).pledgedGramsPerYear()).isEqualTo(920_997);

        // Kafka redelivers from the committed offset, with what came after it.
        assertThat(apply(at(3, 7, first), at(3, 8, second))).containsExactly(
                Outcome.ALREADY_APPLIED, Outcome.APPLIED);

        assertThat(view(cityId).pledgeCount()).isEqualTo(1);
        assertThat(view(cityId).pledgedGramsPerYear()).as("the second version in place of the first").isEqualTo(500_000);
        assertThat(store.counted(pledgeId)).contains(second);
    }

    @Test
    void aWriterThatReadTheViewBeforeAnotherWroteItIsRefusedAndCountsAgainFromWhatIsThere() {
        String cityId = unique("jakarta");
        var batch = List.<ViewEvent>of(at(1, 10, pledge(cityId, 1_000)), at(1, 11, pledge(cityId, 2_000)));

        // An instance that lost the partition read the view, then paused; the new owner took the same records.
        ContributionStore.Plan late = store.plan(batch, Instant.now());
        assertThat(store.apply(batch, Instant.now())).containsOnly(Outcome.APPLIED);

        assertThat(late.writeViews()).containsExactly(cityId);
        assertThat(store.apply(batch, Instant.now())).containsOnly(Outcome.ALREADY_APPLIED);
        assertThat(view(cityId).pledgeCount()).isEqualTo(2);
        assertThat(view(cityId).pledgedGramsPerYear()).isEqualTo(3_000);
    }

    @Test
    void theSameEventPublishedTwiceAtDifferentOffsetsIsCountedOnceInOneBatchOrTwo() {
        String cityId = unique("hanoi");
        var pledge = pledge(cityId, 1_500_000);

        assertThat(apply(at(1, 100, pledge), at(1, 101, pledge))).containsExactly(
                Outcome.APPLIED, Outcome.STALE);
        assertThat(apply(at(1, 103, pledge))).containsExactly(Outcome.STALE);

        assertThat(view(cityId).pledgeCount()).isEqualTo(1);
        assertThat(view(cityId).pledgedGramsPerYear()).isEqualTo(1_500_000);
    }

    @Test
    void aNewerVersionOfAPledgeReplacesItAndAnOlderOneAfterItChangesNothing() {
        String cityId = unique("pasig");
        String pledgeId = UUID.randomUUID().toString();
        apply(at(0, 1, pledge(UUID.randomUUID().toString(), cityId, 1, StakeholderType.INDIVIDUAL, "II.1.1", 250_000)),
                at(0, 2, pledge(pledgeId, cityId, 1, StakeholderType.HOUSEHOLD, "I.1.1", 1_000_000)));

        assertThat(apply(at(0, 3, pledge(pledgeId, cityId, 2, StakeholderType.HOUSEHOLD, "II.1.2", 400_000)),
                at(0, 4, pledge(pledgeId, cityId, 1, StakeholderType.HOUSEHOLD, "I.1.1", 1_000_000)),
                at(5, 1, pledge(pledgeId, unique("elsewhere"), 3, StakeholderType.HOUSEHOLD, "II.1.2", 1))))
                .containsExactly(Outcome.APPLIED, Outcome.STALE,
                        Outcome.REFUSED);

        CityContribution view = view(cityId);
        assertThat(view.pledgeCount()).isEqualTo(2);
        assertThat(view.pledgedGramsPerYear()).isEqualTo(650_000);
        assertThat(view.byStakeholderType()).isEqualTo(Map.of(
                StakeholderType.INDIVIDUAL, new CityContribution.Tally(1, 250_000),
                StakeholderType.HOUSEHOLD, new CityContribution.Tally(1, 400_000)));
        assertThat(view.bySector()).as("sector I emptied, so not shown")
                .isEqualTo(Map.of(GpcSector.II, new CityContribution.Tally(2, 650_000)));
    }

    @Test
    void participantsAreCountedOncePerCityAcrossBatchesDuplicatesAndRedeliveries() {
        String cityId = unique("manila");
        apply(at(4, 1, pledge(cityId, 1), "p-1"), at(4, 2, pledge(cityId, 1), "p-2"), at(4, 3, pledge(cityId, 1), "p-1"));
        apply(at(4, 3, pledge(cityId, 1), "p-1"), at(4, 4, pledge(cityId, 1), "p-2"), at(4, 5, pledge(cityId, 1), "p-3"));
        apply(at(4, 6, pledge(unique("elsewhere"), 1), "p-1"));

        assertThat(view(cityId).pledgeCount()).isEqualTo(5);
        assertThat(view(cityId).participantCount()).isEqualTo(3);
    }

    @Test
    void checkpointsOnlyMoveForward() {
        String partition = unique("pledge-events") + "-3";
        checkpoints.advance(Map.of(partition, 120L));
        checkpoints.advance(Map.of(partition, 80L)); // a writer that lost the partition, late
        assertThat(checkpoints.find(List.of(partition, "unknown-0"))).isEqualTo(Map.of(partition, 120L));
    }

    private static ViewEvent.City city(String cityId, String name, long version, long offset) {
        return new ViewEvent.City(cityId, name, "ID", 10_562_088, version,
                new Position(AggregationTopics.INVENTORY_EVENTS, 0, offset));
    }

    @Test
    void cityRegistrationsTakeOnlyNewerVersionsWhetherOrNotPledgesCameFirst() {
        String cityId = unique("jakarta");
        apply(at(0, 9, pledge(cityId, 3_000_000)));
        assertThat(view(cityId).name()).isNull();

        assertThat(apply(city(cityId, "Jakarta", 2, 1), city(cityId, "Batavia", 1, 2), city(cityId, "Jakarta", 2, 3)))
                .containsExactly(Outcome.APPLIED, Outcome.STALE,
                        Outcome.STALE);

        CityContribution view = view(cityId);
        assertThat(view.name()).isEqualTo("Jakarta");
        assertThat(view.population()).isEqualTo(10_562_088L);
        assertThat(view.pledgeCount()).isEqualTo(1);
    }

    /**
     * The two topics' consumers (threads, or instances) write the same city's view at once, the first
     * ones creating it: the revision guard refuses one of each pair, which reads and counts again.
     */
    @Test
    void aCityEventAndAPledgeWritingTheSameViewAtOnceAreBothTaken() throws Exception {
        int cities = 150;
        List<String> ids = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < cities; i++) {
                String cityId = unique("race");
                ids.add(cityId);
                CountDownLatch start = new CountDownLatch(1);
                var city = CompletableFuture.runAsync(() -> {
                    await(start);
                    apply(city(cityId, "Race", 1, 0));
                }, threads);
                var pledge = CompletableFuture.runAsync(() -> {
                    await(start);
                    apply(at(0, 0, pledge(cityId, 1)));
                }, threads);
                start.countDown();
                CompletableFuture.allOf(city, pledge).get();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(ids).allSatisfy(cityId -> {
            assertThat(view(cityId).name()).isEqualTo("Race");
            assertThat(view(cityId).pledgeCount()).isEqualTo(1);
        });
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
