package org.citypromise.aggregation.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.citypromise.aggregation.domain.CityContribution;
import org.citypromise.aggregation.domain.CityView;
import org.citypromise.aggregation.domain.Outcome;
import org.citypromise.aggregation.domain.PledgeContribution;
import org.citypromise.aggregation.domain.PledgeLedger;
import org.citypromise.aggregation.domain.ViewBatch;
import org.citypromise.aggregation.domain.ViewEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The per-city views ({@code _id} = city id), the counted state of every pledge ({@code _id} = pledge
 * id, no personal data) and the participants seen per city (by pseudonym). How a view counts its events
 * is the domain's ({@link ViewBatch}, {@link CityView}); this reads what a batch needs and writes what it
 * counted, so that none is lost or counted twice.
 *
 * <p>Events are taken in batches; no event is lost or counted twice, without multi-document
 * transactions:
 * <ol>
 *   <li>Read the batch's cities' views, then the counted states of its pledges and which of its
 *   participants are known.</li>
 *   <li>In memory, take each city's events in offset order ({@link ViewBatch#count}). A view holds, per
 *   topic partition, the position up to which it has taken that city's records
 *   ({@code positions.<topic>-<partition>}; all of a city's events are on one partition, key = city id).
 *   A record at or below the position is already in the view: it only brings the in-memory pledge state
 *   up to date. A record above it is counted by the rules of {@link CityView}.</li>
 *   <li>Write each changed view whole, in one bulk write, each guarded by the revision read in step 1
 *   ({@code rev}, unique index on {@code _id, rev}): the counters and the positions move together in
 *   one atomic document write, or not at all if another writer got there first. Such a city is read
 *   and counted again.</li>
 *   <li>Write the pledge states with {@code $max} (a state's first field is its version, so the newest
 *   wins whoever writes last) and the participants with {@code $setOnInsert}: both idempotent.</li>
 * </ol>
 * Kafka offsets are committed after all four. A crash between 3 and 4 is safe: the records come
 * again, step 2 finds them at or below the position, so they are not counted again, but they bring the
 * pledge states up to date and step 4 writes them. So the states only ever lag the views by records
 * that will be redelivered.
 *
 * <p>Every write is filtered by {@code _id} alone or by {@code _id} and {@code rev} together, both
 * served by a unique index on MongoDB and on mongo-java-server (which scans the whole collection for
 * any other filter).
 */
public class ContributionStore {

    /** Another writer kept changing the same views (only while partitions move between instances). */
    public static class ConcurrentUpdateException extends RuntimeException {
        ConcurrentUpdateException(Set<String> cities) {
            super("views changed by another writer while being counted, again and again: " + cities);
        }
    }

    private static final int ATTEMPTS = 10;

    private final MongoCollection<Document> views;
    private final MongoCollection<Document> pledges;
    private final MongoCollection<Document> participants;

    public ContributionStore(MongoCollection<Document> views, MongoCollection<Document> pledges,
                             MongoCollection<Document> participants) {
        this.views = views;
        this.pledges = pledges;
        this.participants = participants;
        // serves the revision-guarded writes; on mongo-java-server only an index whose keys equal the
        // filter's fields is used, and _id alone would leave rev to a scan of every view
        views.createIndex(Indexes.ascending("_id", "rev"), new IndexOptions().unique(true).name("id_rev"));
        views.createIndex(Indexes.ascending("countryCode"));
    }

    /** Over the same collections as {@code other}: for a decorator. */
    protected ContributionStore(ContributionStore other) {
        this.views = other.views;
        this.pledges = other.pledges;
        this.participants = other.participants;
    }

    /**
     * Takes a batch of events: all the records of a poll, in offset order within each partition.
     *
     * @return what became of each event, in the order given
     */
    public List<Outcome> apply(List<ViewEvent> events, Instant now) {
        Outcome[] outcomes = new Outcome[events.size()];
        List<Integer> pending = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            pending.add(i);
        }
        for (int attempt = 1; ; attempt++) {
            List<ViewEvent> batch = pending.stream().map(events::get).toList();
            Plan plan = plan(batch, now);
            Set<String> refused = plan.writeViews();
            plan.writeStates(refused);
            List<Integer> again = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                if (refused.contains(batch.get(i).cityId())) {
                    again.add(pending.get(i));
                } else {
                    outcomes[pending.get(i)] = plan.counted.outcome(i);
                }
            }
            if (again.isEmpty()) {
                return List.of(outcomes);
            }
            if (attempt == ATTEMPTS) {
                throw new ConcurrentUpdateException(refused);
            }
            // another writer changed these views since we read them: read and count their events again
            pending = again;
        }
    }

    /** Steps 1 and 2: reads what the batch needs and counts it in memory. Nothing is written yet. */
    Plan plan(List<ViewEvent> events, Instant now) {
        Set<String> cities = new LinkedHashSet<>();
        Set<String> pledgeIds = new HashSet<>();
        Set<String> participantIds = new HashSet<>();
        for (ViewEvent event : events) {
            cities.add(event.cityId());
            if (event instanceof ViewEvent.Pledge pledge) {
                pledgeIds.add(pledge.pledge().pledgeId());
                participantIds.addAll(PledgeLedger.participantKeys(pledge));
            }
        }
        // The views first, then the states: a state read after its view can be newer than the view
        // only if another writer changed the view in between, and then the guarded write is refused.
        Map<String, CityView> held = new HashMap<>();
        BulkWrites.findByIds(views, cities, null, view -> held.put(view.getString("_id"), ViewDocuments.toCityView(view)));
        Map<String, PledgeContribution> states = new HashMap<>();
        BulkWrites.findByIds(pledges, pledgeIds, null, state -> states.put(state.getString("_id"),
                ViewDocuments.toPledge(state.getString("_id"), state.get("s", Document.class))));
        Set<String> known = new HashSet<>();
        BulkWrites.findByIds(participants, participantIds, new Document("_id", 1),
                participant -> known.add(participant.getString("_id")));
        return new Plan(ViewBatch.count(events, held, new PledgeLedger(states, known), now),
                Set.copyOf(states.keySet()), Set.copyOf(known));
    }

    /** A batch counted, and the pledge states and participants the store held when read: the others are inserted. */
    final class Plan {
        private final ViewBatch counted;
        private final Set<String> storedStates;
        private final Set<String> storedParticipants;

        private Plan(ViewBatch counted, Set<String> storedStates, Set<String> storedParticipants) {
            this.counted = counted;
            this.storedStates = storedStates;
            this.storedParticipants = storedParticipants;
        }

        /** Step 3: the guarded writes of the counted views; returns the cities another writer changed first. */
        Set<String> writeViews() {
            if (counted.changed().isEmpty()) {
                return Set.of();
            }
            List<String> cities = new ArrayList<>(counted.changed().keySet());
            List<WriteModel<Document>> writes = new ArrayList<>(cities.size());
            for (String city : cities) {
                ViewBatch.Changed changed = counted.changed().get(city);
                // Where the revision is not the one read, the upsert tries to insert the _id and is refused
                // with a duplicate key: that is how a bulk write names the refused documents.
                // A flat filter, not Filters.and(...): mongo-java-server serves {_id, rev} from the id_rev
                // index but scans every view for {$and: [...]} (measured: 7 ms a write at 10,000 views)
                writes.add(new ReplaceOneModel<>(new Document("_id", city).append("rev", changed.readRevision()),
                        ViewDocuments.toDocument(changed.view()), new ReplaceOptions().upsert(true)));
            }
            Set<String> conflicts = new HashSet<>();
            try {
                views.bulkWrite(writes, new BulkWriteOptions().ordered(false));
            } catch (MongoBulkWriteException e) {
                for (BulkWriteError error : e.getWriteErrors()) {
                    if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                        throw e;
                    }
                    conflicts.add(cities.get(error.getIndex()));
                }
            }
            return conflicts;
        }

        /** Step 4: records the pledge states and participants of every city whose view was not refused. */
        void writeStates(Set<String> except) {
            // A state the store did not hold is inserted (a third of an upsert's cost on mongo-java-server);
            // one it held, or one another writer inserted meanwhile, takes the newer version by $max.
            List<WriteModel<Document>> states = new ArrayList<>();
            List<WriteModel<Document>> orElse = new ArrayList<>();
            List<WriteModel<Document>> seen = new ArrayList<>();
            List<WriteModel<Document>> seenOrElse = new ArrayList<>();
            PledgeLedger ledger = counted.ledger();
            for (String city : ledger.cities()) {
                if (except.contains(city)) {
                    continue;
                }
                ledger.pledgesToRecord(city).forEach((id, pledge) -> {
                    Document state = ViewDocuments.toState(pledge);
                    WriteModel<Document> newer = new UpdateOneModel<>(Filters.eq("_id", id), Updates.max("s", state),
                            new UpdateOptions().upsert(true));
                    states.add(storedStates.contains(id) ? newer : new InsertOneModel<>(new Document("_id", id)
                            .append("s", state)));
                    orElse.add(newer);
                });
                // known participants are already recorded: nothing to write
                ledger.participantsToRecord(city).stream().filter(key -> !storedParticipants.contains(key)).forEach(key -> {
                    seen.add(new InsertOneModel<>(new Document("_id", key).append("cityId", city)));
                    seenOrElse.add(new UpdateOneModel<>(Filters.eq("_id", key), Updates.setOnInsert("cityId", city),
                            new UpdateOptions().upsert(true)));
                });
            }
            BulkWrites.idempotent(pledges, states, orElse);
            BulkWrites.idempotent(participants, seen, seenOrElse);
        }
    }

    /** The version of a pledge that the views count, if any. */
    public Optional<PledgeContribution> counted(String pledgeId) {
        return Optional.ofNullable(pledges.find(Filters.eq("_id", pledgeId)).first())
                .map(state -> ViewDocuments.toPledge(pledgeId, state.get("s", Document.class)));
    }

    public Optional<CityContribution> find(String cityId) {
        return Optional.ofNullable(views.find(Filters.eq("_id", cityId)).first()).map(ViewDocuments::toView);
    }

    /** Views in city id order. */
    public List<CityContribution> list(int offset, int limit) {
        List<CityContribution> page = new ArrayList<>();
        views.find().sort(Sorts.ascending("_id")).skip(offset).limit(limit)
                .forEach(document -> page.add(ViewDocuments.toView(document)));
        return page;
    }

    public long count() {
        return views.countDocuments();
    }

    /**
     * Every city's view, or a country's: the roll-ups and the leaderboard add them up in memory. A city
     * view is small and cities number in the thousands at most.
     */
    public List<CityContribution> all(String countryCode) {
        List<CityContribution> all = new ArrayList<>();
        views.find(countryCode == null ? Filters.empty() : Filters.eq("countryCode", countryCode))
                .sort(Sorts.ascending("_id")).forEach(document -> all.add(ViewDocuments.toView(document)));
        return all;
    }
}
