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
import org.bson.conversions.Bson;
import org.citypromise.aggregation.domain.CityContribution;
import org.citypromise.aggregation.domain.ContributionChange;
import org.citypromise.aggregation.domain.PledgeContribution;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The per-city views ({@code _id} = city id), the counted state of every pledge ({@code _id} = pledge
 * id, no personal data) and the participants seen per city (by pseudonym).
 *
 * <p>Events are taken in batches; no event is lost or counted twice, without multi-document
 * transactions:
 * <ol>
 *   <li>Read the batch's cities' views, then the counted states of its pledges and which of its
 *   participants are known.</li>
 *   <li>In memory, take each city's events in offset order. A view holds, per topic partition, the
 *   position up to which it has taken that city's records ({@code positions.<topic>-<partition>}; all
 *   of a city's events are on one partition, key = city id). A record at or below the position is
 *   already in the view: it only brings the in-memory pledge state up to date. A record above it is
 *   counted: a new pledge adds itself, a newer version replaces the counted one, an older or equal
 *   version changes nothing, and so on for registrations, inventories, targets and factors.</li>
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

    /** Where a record sits on Kafka. */
    public record Position(String topic, int partition, long offset) {
        String key() {
            return topic + "-" + partition;
        }
    }

    public enum Outcome {
        /** The view took the event. */
        APPLIED,
        /** The view had taken this record already (redelivered at its offset, e.g. after a crash). */
        ALREADY_APPLIED,
        /** The view holds this version or a newer one (e.g. the outbox published it twice). */
        STALE,
        /** The event asks for what one atomic write cannot do (a pledge moving between cities). */
        REFUSED
    }

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
    private final MongoCollection<Document> checkpoints;
    private final MongoCollection<Document> published;

    /**
     * @param checkpoints per topic partition, the offset of the next record to take: where the consumers
     *                    resume, from the store rather than from Kafka's committed offsets
     * @param published   per city, the revision of its view last published to city-contributions: small
     *                    documents, so that marking a view published does not rewrite the view
     */
    public ContributionStore(MongoCollection<Document> views, MongoCollection<Document> pledges,
                             MongoCollection<Document> participants, MongoCollection<Document> checkpoints,
                             MongoCollection<Document> published) {
        this.views = views;
        this.pledges = pledges;
        this.participants = participants;
        this.checkpoints = checkpoints;
        this.published = published;
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
        this.checkpoints = other.checkpoints;
        this.published = other.published;
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
                    outcomes[pending.get(i)] = plan.outcome(i);
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
        Map<String, List<Integer>> byCity = new LinkedHashMap<>();
        Set<String> pledgeIds = new HashSet<>();
        Set<String> participantIds = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            ViewEvent event = events.get(i);
            byCity.computeIfAbsent(event.cityId(), city -> new ArrayList<>()).add(i);
            if (event instanceof ViewEvent.Pledge pledge) {
                pledgeIds.add(pledge.pledge().pledgeId());
                if (pledge.participantId() != null) {
                    String participant = participantKey(pledge.cityId(), pledge.participantId());
                    participantIds.add(participant);
                    ViewDocuments.participantGroups(pledge.pledge())
                            .forEach(group -> participantIds.add(participant + "|" + group));
                }
            }
        }
        // The views first, then the states: a state read after its view can be newer than the view
        // only if another writer changed the view in between, and then the guarded write is refused.
        Map<String, Document> held = new HashMap<>();
        findByIds(views, byCity.keySet(), null, view -> held.put(view.getString("_id"), view));
        Map<String, PledgeContribution> states = new HashMap<>();
        findByIds(pledges, pledgeIds, null, state -> states.put(state.getString("_id"),
                ViewDocuments.toPledge(state.getString("_id"), state.get("s", Document.class))));
        Set<String> known = new HashSet<>();
        findByIds(participants, participantIds, new Document("_id", 1),
                participant -> known.add(participant.getString("_id")));
        Plan plan = new Plan(events, now, Set.copyOf(states.keySet()), Set.copyOf(known));
        byCity.forEach((cityId, indexes) -> plan.count(cityId, held.get(cityId), indexes, states, known));
        return plan;
    }

    /** What a batch does: the views to write, the states and participants to record, each event's outcome. */
    final class Plan {
        private final List<ViewEvent> events;
        private final Instant now;
        private final Outcome[] outcomes;
        /** city id -> [the view as read (null if none), the view as counted] */
        private final Map<String, Document[]> changed = new LinkedHashMap<>();
        private final Map<String, Map<String, PledgeContribution>> statesByCity = new HashMap<>();
        private final Map<String, Set<String>> participantsByCity = new HashMap<>();
        /** The pledge states and participants the store held when read: the others are inserted. */
        private final Set<String> storedStates;
        private final Set<String> storedParticipants;

        private Plan(List<ViewEvent> events, Instant now, Set<String> storedStates, Set<String> storedParticipants) {
            this.events = events;
            this.now = now;
            this.outcomes = new Outcome[events.size()];
            this.storedStates = storedStates;
            this.storedParticipants = storedParticipants;
        }

        Outcome outcome(int index) {
            return outcomes[index];
        }

        private void count(String cityId, Document read, List<Integer> indexes, Map<String, PledgeContribution> states,
                           Set<String> knownParticipants) {
            Document view = read == null ? new Document("_id", cityId).append("rev", 0L) : copy(read);
            Document positions = ViewDocuments.child(view, "positions");
            Map<String, PledgeContribution> toRecord = new LinkedHashMap<>();
            Set<String> participantsToRecord = new HashSet<>();
            boolean counted = false;
            for (int index : indexes) {
                ViewEvent event = events.get(index);
                Position position = event.position();
                Object at = positions.get(position.key());
                boolean taken = at != null && ((Number) at).longValue() >= position.offset();
                Outcome outcome;
                if (event instanceof ViewEvent.Pledge pledge) {
                    outcome = countPledge(view, pledge, taken, states, knownParticipants, toRecord, participantsToRecord);
                } else if (taken) {
                    outcome = Outcome.ALREADY_APPLIED;
                } else if (event instanceof ViewEvent.City city) {
                    outcome = takeCity(view, city);
                } else if (event instanceof ViewEvent.Inventory inventory) {
                    outcome = takeInventory(view, inventory);
                } else if (event instanceof ViewEvent.Target target) {
                    outcome = takeTarget(view, target);
                } else {
                    outcome = takeFactors(view, (ViewEvent.Factors) event);
                }
                if (outcome == Outcome.APPLIED) {
                    positions.put(position.key(), position.offset());
                    counted = true;
                }
                outcomes[index] = outcome;
            }
            if (counted) {
                view.put("rev", ViewDocuments.longOf(view.get("rev")) + 1);
                // a revision above the one published: the publisher of city-contributions sends it (see dirtyViews)
                view.put("updatedAt", Date.from(now));
                changed.put(cityId, new Document[] {read, view});
            }
            statesByCity.put(cityId, toRecord);
            participantsByCity.put(cityId, participantsToRecord);
        }

        private Outcome countPledge(Document view, ViewEvent.Pledge event, boolean taken,
                                    Map<String, PledgeContribution> states, Set<String> knownParticipants,
                                    Map<String, PledgeContribution> toRecord, Set<String> participantsToRecord) {
            PledgeContribution pledge = event.pledge();
            PledgeContribution held = states.get(pledge.pledgeId());
            if (held != null && held.version() >= pledge.version()) {
                return taken ? Outcome.ALREADY_APPLIED : Outcome.STALE;
            }
            if (held != null && !held.cityId().equals(pledge.cityId())) {
                return Outcome.REFUSED;
            }
            if (!taken) {
                ViewDocuments.count(view, ContributionChange.of(Optional.ofNullable(held), pledge), event.day());
            }
            states.put(pledge.pledgeId(), pledge);
            toRecord.put(pledge.pledgeId(), pledge);
            if (event.participantId() != null) {
                String key = participantKey(pledge.cityId(), event.participantId());
                if (knownParticipants.add(key) && !taken) {
                    ViewDocuments.inc(view, ViewDocuments.PARTICIPANT_COUNT, 1);
                }
                participantsToRecord.add(key);
                // and in each group it pledged in, for the public breakdowns to leave out the small ones
                for (String group : ViewDocuments.participantGroups(pledge)) {
                    String inGroup = key + "|" + group;
                    if (knownParticipants.add(inGroup) && !taken) {
                        ViewDocuments.inc(view, group + "." + ViewDocuments.PARTICIPANT_COUNT, 1);
                    }
                    participantsToRecord.add(inGroup);
                }
            }
            return taken ? Outcome.ALREADY_APPLIED : Outcome.APPLIED;
        }

        /** Step 3: the guarded writes of the counted views; returns the cities another writer changed first. */
        Set<String> writeViews() {
            if (changed.isEmpty()) {
                return Set.of();
            }
            List<String> cities = new ArrayList<>(changed.keySet());
            List<WriteModel<Document>> writes = new ArrayList<>(cities.size());
            for (String city : cities) {
                Document[] readAndCounted = changed.get(city);
                long readRev = readAndCounted[0] == null ? 0 : ViewDocuments.longOf(readAndCounted[0].get("rev"));
                // Where the revision is not the one read, the upsert tries to insert the _id and is refused
                // with a duplicate key: that is how a bulk write names the refused documents.
                // A flat filter, not Filters.and(...): mongo-java-server serves {_id, rev} from the id_rev
                // index but scans every view for {$and: [...]} (measured: 7 ms a write at 10,000 views)
                writes.add(new ReplaceOneModel<>(new Document("_id", city).append("rev", readRev),
                        readAndCounted[1], new ReplaceOptions().upsert(true)));
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
            statesByCity.forEach((city, byId) -> {
                if (!except.contains(city)) {
                    byId.forEach((id, pledge) -> {
                        Document state = ViewDocuments.toState(pledge);
                        WriteModel<Document> newer = new UpdateOneModel<>(Filters.eq("_id", id), Updates.max("s", state),
                                new UpdateOptions().upsert(true));
                        states.add(storedStates.contains(id) ? newer : new InsertOneModel<>(new Document("_id", id)
                                .append("s", state)));
                        orElse.add(newer);
                    });
                }
            });
            participantsByCity.forEach((city, keys) -> {
                if (!except.contains(city)) {
                    // known participants are already recorded: nothing to write
                    keys.stream().filter(key -> !storedParticipants.contains(key)).forEach(key -> {
                        seen.add(new InsertOneModel<>(new Document("_id", key).append("cityId", city)));
                        seenOrElse.add(new UpdateOneModel<>(Filters.eq("_id", key), Updates.setOnInsert("cityId", city),
                                new UpdateOptions().upsert(true)));
                    });
                }
            });
            idempotentBulk(pledges, states, orElse);
            idempotentBulk(participants, seen, seenOrElse);
        }
    }

    /** Upserts by {@code _id} alone, unordered; one refused with a duplicate key is done again. */
    private static void idempotentBulk(MongoCollection<Document> collection, List<WriteModel<Document>> writes) {
        idempotentBulk(collection, writes, writes);
    }

    /**
     * Inserts and upserts by {@code _id} alone, unordered. A write refused with a duplicate key (another
     * writer inserted the same new _id first; for an upsert MongoDB usually retries by itself) is done
     * again as its {@code orElse}, an upsert, which then finds the document.
     */
    private static void idempotentBulk(MongoCollection<Document> collection, List<WriteModel<Document>> writes,
                                       List<WriteModel<Document>> orElse) {
        if (writes.isEmpty()) {
            return;
        }
        try {
            collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            List<WriteModel<Document>> again = new ArrayList<>();
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                again.add(orElse.get(error.getIndex()));
            }
            collection.bulkWrite(again, new BulkWriteOptions().ordered(false));
        }
    }

    /** Ids per {@code $in} query: mongo-java-server matches each found document against the whole list. */
    private static final int IDS_PER_QUERY = 200;

    /**
     * The documents with these ids, a few hundred ids per query: a document found by the _id index is
     * then checked against every id of the {@code $in} on mongo-java-server, so one query of 10,000 ids
     * cost a hundred times one of 1,000 (measured: 3 s against 30-40 ms in chunks).
     */
    private static void findByIds(MongoCollection<Document> collection, Collection<String> ids, Bson projection,
                                  Consumer<Document> each) {
        List<String> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += IDS_PER_QUERY) {
            var found = collection.find(Filters.in("_id", all.subList(from, Math.min(all.size(), from + IDS_PER_QUERY))));
            (projection == null ? found : found.projection(projection)).forEach(each);
        }
    }

    private static Outcome takeCity(Document view, ViewEvent.City city) {
        if (ViewDocuments.longOf(view.get("cityVersion")) >= city.version()) {
            return Outcome.STALE;
        }
        view.put("name", city.name());
        view.put("countryCode", city.countryCode());
        view.put("population", city.population());
        view.put("cityVersion", city.version());
        return Outcome.APPLIED;
    }

    /** The city's latest inventory: a later year, or a newer version of the year held. */
    private static Outcome takeInventory(Document view, ViewEvent.Inventory event) {
        Document held = view.get("inventory", Document.class);
        int year = event.inventory().year();
        if (held != null && (held.getInteger("year") > year
                || held.getInteger("year") == year && ViewDocuments.longOf(held.get("version")) >= event.version())) {
            return Outcome.STALE;
        }
        view.put("inventory", ViewDocuments.toDocument(event.inventory(), event.version()));
        return Outcome.APPLIED;
    }

    private static Outcome takeTarget(Document view, ViewEvent.Target event) {
        Document held = view.get("target", Document.class);
        if (held != null && ViewDocuments.longOf(held.get("version")) >= event.version()) {
            return Outcome.STALE;
        }
        view.put("target", ViewDocuments.toDocument(event.target(), event.version()));
        return Outcome.APPLIED;
    }

    /** The city's own factors, the whole list; the view restates its pledges under them when read. */
    private static Outcome takeFactors(Document view, ViewEvent.Factors event) {
        Document held = view.get("factors", Document.class);
        if (held != null && ViewDocuments.longOf(held.get("version")) >= event.version()) {
            return Outcome.STALE;
        }
        view.put("factors", ViewDocuments.toDocument(event.factors(), event.version()));
        return Outcome.APPLIED;
    }

    private static String participantKey(String cityId, String participantId) {
        return cityId + "|" + participantId;
    }

    /** A deep enough copy: counting changes embedded documents, and a refused write must not have touched the read. */
    private static Document copy(Document document) {
        Document copy = new Document();
        document.forEach((key, value) -> copy.put(key, value instanceof Document embedded ? copy(embedded) : value));
        return copy;
    }

    /**
     * Notes that every record before {@code next} (topic-partition to offset) has been taken, after the
     * batch's writes. {@code $max}: a writer that lost its partitions cannot move a checkpoint back.
     *
     * <p>The consumers resume from these, not from Kafka's committed offsets: should the store ever lose
     * its last writes (a development store killed, a failover losing unreplicated writes), the checkpoints
     * go back with the views, and the records the store lost are read again rather than skipped.
     */
    public void checkpoint(Map<String, Long> next) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        next.forEach((partition, offset) -> writes.add(new UpdateOneModel<>(Filters.eq("_id", partition),
                Updates.max("offset", offset), new UpdateOptions().upsert(true))));
        idempotentBulk(checkpoints, writes);
    }

    /** The offset to resume each of these topic partitions from, where the store has one. */
    public Map<String, Long> checkpoints(List<String> partitions) {
        Map<String, Long> found = new HashMap<>();
        checkpoints.find(Filters.in("_id", partitions))
                .forEach(document -> found.put(document.getString("_id"), ViewDocuments.longOf(document.get("offset"))));
        return found;
    }

    /** The version of a pledge that the views count, if any. */
    public Optional<PledgeContribution> counted(String pledgeId) {
        return Optional.ofNullable(pledges.find(Filters.eq("_id", pledgeId)).first())
                .map(state -> ViewDocuments.toPledge(pledgeId, state.get("s", Document.class)));
    }

    public Optional<CityContribution> find(String cityId) {
        return Optional.ofNullable(views.find(Filters.eq("_id", cityId)).first()).map(ViewDocuments::toView);
    }

    /** A view and its revision, which only grows; what the publisher of city-contributions sends. */
    public record Revision(CityContribution view, long rev) {
    }

    public Optional<Revision> findRevision(String cityId) {
        return Optional.ofNullable(views.find(Filters.eq("_id", cityId)).first())
                .map(document -> new Revision(ViewDocuments.toView(document), ViewDocuments.longOf(document.get("rev"))));
    }

    /**
     * Views changed since they were last published, at most {@code limit}: those whose revision is above
     * the one recorded as published (the revisions are read alone, then the whole views of those).
     */
    public List<Revision> dirtyViews(int limit) {
        Map<String, Long> sent = new HashMap<>();
        published.find().forEach(document -> sent.put(document.getString("_id"), ViewDocuments.longOf(document.get("rev"))));
        List<String> changed = new ArrayList<>();
        for (Document view : views.find().projection(new Document("rev", 1))) {
            if (ViewDocuments.longOf(view.get("rev")) > sent.getOrDefault(view.getString("_id"), 0L)) {
                changed.add(view.getString("_id"));
                if (changed.size() == limit) {
                    break;
                }
            }
        }
        List<Revision> dirty = new ArrayList<>();
        findByIds(views, changed, null, document -> dirty.add(
                new Revision(ViewDocuments.toView(document), ViewDocuments.longOf(document.get("rev")))));
        return dirty;
    }

    /** Records these revisions as published, in one bulk write; {@code $max}: never back to an older one. */
    public void published(List<Revision> revisions) {
        List<WriteModel<Document>> writes = new ArrayList<>(revisions.size());
        revisions.forEach(revision -> writes.add(new UpdateOneModel<>(Filters.eq("_id", revision.view().cityId()),
                Updates.max("rev", revision.rev()), new UpdateOptions().upsert(true))));
        idempotentBulk(published, writes);
    }

    /** Forgets what was published: every view is sent again (a new publisher makes the compacted topic whole). */
    public void republishAll() {
        published.deleteMany(Filters.empty());
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
