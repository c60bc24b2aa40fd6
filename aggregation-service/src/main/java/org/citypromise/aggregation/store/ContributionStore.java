package org.citypromise.aggregation.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.citypromise.aggregation.domain.CityContribution;
import org.citypromise.aggregation.domain.ContributionChange;
import org.citypromise.aggregation.domain.GpcSector;
import org.citypromise.aggregation.domain.CityTarget;
import org.citypromise.aggregation.domain.LatestInventory;
import org.citypromise.aggregation.domain.FactorUse;
import org.citypromise.aggregation.domain.PledgeArea;
import org.citypromise.aggregation.domain.Restatement;
import org.citypromise.aggregation.domain.PledgeContribution;
import org.citypromise.aggregation.domain.PledgeStatus;
import org.citypromise.aggregation.domain.StakeholderType;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The per-city views ({@code city_contributions}, {@code _id} = city id) and the pledge versions
 * counted in them ({@code pledges}, {@code _id} = pledge id, no personal data).
 *
 * <p>No acknowledged pledge is lost or counted twice, without multi-document transactions. A pledge
 * event is taken in three steps:
 * <ol>
 *   <li>If {@code pledges} holds this pledge at this version or a newer one, it is already counted:
 *   stop. (The producer's outbox may publish one event twice, at different offsets.)</li>
 *   <li>One {@code updateOne} on the city document: {@code $inc} the counters and {@code $set} the
 *   record's position {@code positions.<topic>-<partition>}, with a filter that matches only while
 *   that position is absent or below the record's offset. Counting and moving the position are one
 *   atomic document write, so a record redelivered at its offset matches nothing. All of a city's
 *   events are on one partition (key = city id), so the position only grows.</li>
 *   <li>Upsert the pledge record, guarded by its version.</li>
 * </ol>
 * A crash between 2 and 3 is safe: Kafka redelivers the record (its offset is committed only after
 * all three steps), step 1 does not find it, step 2 is refused by the position, and step 3 is written.
 * A crash after 3 leaves nothing to do: step 1 stops the redelivery.
 *
 * <p>A guarded upsert whose filter fails on an existing document tries to insert and raises E11000,
 * on MongoDB and on mongo-java-server alike: that means "already newer", except when another writer
 * created the document between our filter and our insert (the two topics' consumers race to create a
 * city's view). MongoDB does not retry such an upsert itself when the filter is more than equalities,
 * so we retry it once: the document exists by then, and a second E11000 is the guard's answer.
 *
 * <p>The views are rebuildable from the topics: drop the database and let a new consumer group read
 * from the start. Do the same if a topic is ever recreated, since its offsets start again below the
 * positions held.
 */
public class ContributionStore {

    /** Where a record sits on Kafka. */
    public record Position(String topic, int partition, long offset) {
        String field() {
            return "positions." + topic + "-" + partition;
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

    private final MongoCollection<Document> views;
    private final MongoCollection<Document> pledges;
    private final MongoCollection<Document> participants;

    /**
     * @param participants one document per (city, participant pseudonym): counted on read, so recording a
     *                     participant is an idempotent upsert that a redelivery or a crash cannot skew
     */
    public ContributionStore(MongoCollection<Document> views, MongoCollection<Document> pledges,
                             MongoCollection<Document> participants) {
        this.views = views;
        this.pledges = pledges;
        this.participants = participants;
    }

    /** Notes that a participant (by pseudonym, never by name) pledged in a city; repeats change nothing. */
    public void recordParticipant(String cityId, String participantId) {
        participants.updateOne(Filters.eq("_id", cityId + "|" + participantId),
                Updates.combine(Updates.setOnInsert("cityId", cityId), Updates.setOnInsert("participantId", participantId)),
                new UpdateOptions().upsert(true));
    }

    private long participantCount(String cityId) {
        return participants.countDocuments(Filters.eq("cityId", cityId));
    }

    /** Participants per city, in one pass. */
    private Map<String, Long> participantCounts() {
        Map<String, Long> counts = new java.util.HashMap<>();
        participants.aggregate(List.of(com.mongodb.client.model.Aggregates.group("$cityId",
                        com.mongodb.client.model.Accumulators.sum("n", 1))))
                .forEach(group -> counts.put(group.getString("_id"), longOf(group.get("n"))));
        return counts;
    }

    /** Takes one pledge version from {@code position}; see the class comment for why this is exact. */
    public Outcome applyPledge(PledgeContribution pledge, Position position, Instant now) {
        return applyPledge(pledge, position, now, LocalDate.ofInstant(now, ZoneOffset.UTC));
    }

    /**
     * Takes one pledge version from {@code position}; see the class comment for why this is exact.
     *
     * @param day the day the pledge changed (UTC), under which the daily series counts the change
     */
    public Outcome applyPledge(PledgeContribution pledge, Position position, Instant now, LocalDate day) {
        // Step 1. A newer version needs the counted one's amounts, to take them off again.
        Optional<PledgeContribution> counted = counted(pledge.pledgeId());
        if (counted.isPresent() && counted.get().version() >= pledge.version()) {
            return Outcome.STALE;
        }
        if (counted.isPresent() && !counted.get().cityId().equals(pledge.cityId())) {
            return Outcome.REFUSED;
        }
        boolean applied = countInView(ContributionChange.of(counted, pledge), position, now, day);
        holdCounted(pledge);
        return applied ? Outcome.APPLIED : Outcome.ALREADY_APPLIED;
    }

    /** Step 1: the version of a pledge that the views count, if any. */
    Optional<PledgeContribution> counted(String pledgeId) {
        return Optional.ofNullable(pledges.find(Filters.eq("_id", pledgeId)).first())
                .map(ContributionStore::toPledge);
    }

    /** Step 2: one guarded write of the counters and the position; false if the view has taken the record. */
    boolean countInView(ContributionChange change, Position position, Instant now) {
        return countInView(change, position, now, LocalDate.ofInstant(now, ZoneOffset.UTC));
    }

    boolean countInView(ContributionChange change, Position position, Instant now, LocalDate day) {
        List<Bson> updates = new ArrayList<>();
        increments(updates, "", change.total());
        if (change.achievedGrams() != 0) {
            updates.add(Updates.inc("achievedGramsPerYear", change.achievedGrams()));
        }
        change.byStatus().forEach((status, tally) -> increments(updates, "statuses." + status.name() + ".", tally));
        change.byStakeholderType().forEach((type, tally) -> increments(updates, "byStakeholderType." + type.name() + ".", tally));
        change.bySector().forEach((sector, tally) -> increments(updates, "bySector." + sector.name() + ".", tally));
        change.byArea().forEach((area, tally) -> increments(updates, "byArea." + area.name() + ".", tally));
        // The daily series: new pledges and the net change of pledged grams on the day of the change.
        increments(updates, "daily." + day + ".", change.total());
        factorIncrements(updates, "byFactor.", change.byFactor());
        factorIncrements(updates, "activeByFactor.", change.activeByFactor());
        updates.add(Updates.set(position.field(), position.offset()));
        updates.add(Updates.set("updatedAt", Date.from(now)));
        return guardedUpsert(views,
                Filters.and(Filters.eq("_id", change.cityId()),
                        Filters.not(Filters.gte(position.field(), position.offset()))),
                Updates.combine(updates));
    }

    /** Step 3: records the pledge version as counted, unless a newer one is held. */
    void holdCounted(PledgeContribution pledge) {
        guardedUpsert(pledges,
                Filters.and(Filters.eq("_id", pledge.pledgeId()), Filters.not(Filters.gte("version", pledge.version()))),
                Updates.combine(
                        Updates.set("cityId", pledge.cityId()),
                        Updates.set("version", pledge.version()),
                        Updates.set("gramsPerYear", pledge.gramsPerYear()),
                        Updates.set("status", pledge.status().name()),
                        Updates.set("achievedGramsPerYear", pledge.achievedGramsPerYear()),
                        Updates.set("area", pledge.area() == null ? null : pledge.area().name()),
                        Updates.set("factor", pledge.factor() == null ? null : new Document("code", pledge.factor().code())
                                .append("unit", pledge.factor().unit())
                                .append("milliQuantity", pledge.factor().milliQuantity())),
                        Updates.set("stakeholderType", pledge.stakeholderType().name()),
                        Updates.set("actionCode", pledge.actionCode()),
                        Updates.set("gpcRef", pledge.gpcRef()),
                        Updates.set("scope", pledge.scope())));
    }

    private static void factorIncrements(List<Bson> updates, String prefix, Map<String, Restatement.FactorTally> tallies) {
        tallies.forEach((code, tally) -> {
            updates.add(Updates.set(prefix + code + ".unit", tally.unit()));
            updates.add(Updates.inc(prefix + code + ".milliQuantity", tally.milliQuantity()));
            updates.add(Updates.inc(prefix + code + ".grams", tally.grams()));
        });
    }

    private static void increments(List<Bson> updates, String prefix, CityContribution.Tally tally) {
        if (tally.pledgeCount() != 0) {
            updates.add(Updates.inc(prefix + "pledgeCount", tally.pledgeCount()));
        }
        if (tally.pledgedGramsPerYear() != 0) {
            updates.add(Updates.inc(prefix + "pledgedGramsPerYear", tally.pledgedGramsPerYear()));
        }
    }

    /**
     * Takes a city's registration unless the view holds the same or a newer version of it. Creates the
     * view if no pledge of the city has arrived yet.
     */
    public Outcome applyCity(String cityId, String name, String countryCode, long population, long version,
                             Instant now) {
        boolean applied = guardedUpsert(views,
                Filters.and(Filters.eq("_id", cityId), Filters.not(Filters.gte("cityVersion", version))),
                Updates.combine(
                        Updates.set("name", name),
                        Updates.set("countryCode", countryCode),
                        Updates.set("population", population),
                        Updates.set("cityVersion", version),
                        Updates.set("updatedAt", Date.from(now))));
        return applied ? Outcome.APPLIED : Outcome.STALE;
    }

    public Optional<CityContribution> find(String cityId) {
        return Optional.ofNullable(views.find(Filters.eq("_id", cityId)).first())
                .map(document -> toView(document, participantCount(cityId)));
    }

    /** Views in city id order. */
    public List<CityContribution> list(int offset, int limit) {
        List<CityContribution> page = new ArrayList<>();
        Map<String, Long> counts = participantCounts();
        views.find().sort(Sorts.ascending("_id")).skip(offset).limit(limit)
                .forEach(d -> page.add(toView(d, counts.getOrDefault(d.getString("_id"), 0L))));
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
        Map<String, Long> counts = participantCounts();
        views.find(countryCode == null ? Filters.empty() : Filters.eq("countryCode", countryCode))
                .sort(Sorts.ascending("_id")).forEach(document -> all.add(toView(document,
                        counts.getOrDefault(document.getString("_id"), 0L))));
        return all;
    }

    /** An upsert whose filter also guards against stale writes; false when the guard refused it. */
    static boolean guardedUpsert(MongoCollection<Document> collection, Bson filter, Bson update) {
        try {
            collection.updateOne(filter, update, new UpdateOptions().upsert(true));
            return true;
        } catch (MongoWriteException first) {
            if (!isDuplicateKey(first)) {
                throw first;
            }
        }
        // Either the guard refused, or a concurrent writer created the document first: ask again.
        try {
            collection.updateOne(filter, update, new UpdateOptions().upsert(true));
            return true;
        } catch (MongoWriteException second) {
            if (isDuplicateKey(second)) {
                return false;
            }
            throw second;
        }
    }

    static boolean isDuplicateKey(MongoWriteException e) {
        return e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }

    private static PledgeContribution toPledge(Document document) {
        return new PledgeContribution(document.getString("_id"), longOf(document.get("version")),
                document.getString("cityId"), StakeholderType.valueOf(document.getString("stakeholderType")),
                document.getString("actionCode"), document.getString("gpcRef"),
                ((Number) document.get("scope")).intValue(), longOf(document.get("gramsPerYear")),
                // records from before statuses were counted are of active, unreported pledges
                document.getString("status") == null ? PledgeStatus.ACTIVE : PledgeStatus.valueOf(document.getString("status")),
                longOf(document.get("achievedGramsPerYear")),
                document.getString("area") == null ? null : PledgeArea.valueOf(document.getString("area")),
                toFactorUse(document.get("factor", Document.class)));
    }

    private static FactorUse toFactorUse(Document document) {
        return document == null ? null : new FactorUse(document.getString("code"), document.getString("unit"),
                longOf(document.get("milliQuantity")));
    }

    private static CityContribution toView(Document document, long participantCount) {
        return new CityContribution(document.getString("_id"), document.getString("name"),
                document.getString("countryCode"), longOrNull(document.get("population")),
                longOf(document.get("pledgeCount")), participantCount, longOf(document.get("pledgedGramsPerYear")),
                longOf(document.get("achievedGramsPerYear")),
                allStatuses(tallies(document.get("statuses", Document.class), PledgeStatus.class)),
                tallies(document.get("byStakeholderType", Document.class), StakeholderType.class),
                tallies(document.get("bySector", Document.class), GpcSector.class),
                tallies(document.get("byArea", Document.class), PledgeArea.class),
                factorTallies(document.get("byFactor", Document.class)),
                factorTallies(document.get("activeByFactor", Document.class)),
                cityFactors(document.get("factors", Document.class)),
                daily(document.get("daily", Document.class)),
                toInventory(document.get("inventory", Document.class)), toTarget(document.get("target", Document.class)),
                document.getDate("updatedAt") == null ? null : document.getDate("updatedAt").toInstant());
    }

    /** Every status, those without pledges at zero. */
    private static Map<PledgeStatus, CityContribution.Tally> allStatuses(Map<PledgeStatus, CityContribution.Tally> held) {
        Map<PledgeStatus, CityContribution.Tally> all = new EnumMap<>(PledgeStatus.class);
        for (PledgeStatus status : PledgeStatus.values()) {
            all.put(status, held.getOrDefault(status, new CityContribution.Tally(0, 0)));
        }
        return all;
    }

    /**
     * Takes an inventory's totals if it is the city's latest: a later year, or a newer version of the year
     * held. Older years and stale versions change nothing.
     */
    public Outcome applyInventory(String cityId, long version, LatestInventory inventory, Instant now) {
        Document sectors = new Document();
        inventory.bySector().forEach((sector, totals) -> sectors.append(sector.name(), toDocument(totals)));
        boolean applied = guardedUpsert(views,
                Filters.and(Filters.eq("_id", cityId), Filters.or(
                        Filters.exists("inventory", false),
                        Filters.lt("inventory.year", inventory.year()),
                        Filters.and(Filters.eq("inventory.year", inventory.year()), Filters.lt("inventory.version", version)))),
                Updates.combine(
                        Updates.set("inventory", new Document("year", inventory.year()).append("version", version)
                                .append("overall", toDocument(inventory.overall())).append("bySector", sectors)),
                        Updates.set("updatedAt", Date.from(now))));
        return applied ? Outcome.APPLIED : Outcome.STALE;
    }

    /**
     * Takes a city's own emission factors (the whole list) unless the view holds the same or a newer
     * version; the view restates its pledges under them when read.
     */
    public Outcome applyFactors(String cityId, long version, Map<String, Restatement.CityFactor> factors, Instant now) {
        Document held = new Document("version", version);
        Document byCode = new Document();
        factors.forEach((code, factor) -> byCode.append(code, new Document("kgPerUnit", factor.kgPerUnit().toPlainString())
                .append("unit", factor.unit())));
        held.append("byCode", byCode);
        boolean applied = guardedUpsert(views,
                Filters.and(Filters.eq("_id", cityId), Filters.not(Filters.gte("factors.version", version))),
                Updates.combine(Updates.set("factors", held), Updates.set("updatedAt", Date.from(now))));
        return applied ? Outcome.APPLIED : Outcome.STALE;
    }

    private static java.util.SortedMap<LocalDate, CityContribution.Tally> daily(Document document) {
        java.util.SortedMap<LocalDate, CityContribution.Tally> days = new java.util.TreeMap<>();
        if (document != null) {
            document.forEach((day, tally) -> days.put(LocalDate.parse(day), new CityContribution.Tally(
                    longOf(((Document) tally).get("pledgeCount")), longOf(((Document) tally).get("pledgedGramsPerYear")))));
        }
        return days;
    }

    private static Map<String, Restatement.FactorTally> factorTallies(Document document) {
        Map<String, Restatement.FactorTally> tallies = new java.util.TreeMap<>();
        if (document != null) {
            document.forEach((code, tally) -> {
                Document t = (Document) tally;
                tallies.put(code, new Restatement.FactorTally(t.getString("unit"), longOf(t.get("milliQuantity")),
                        longOf(t.get("grams"))));
            });
        }
        return tallies;
    }

    private static Map<String, Restatement.CityFactor> cityFactors(Document document) {
        Map<String, Restatement.CityFactor> factors = new java.util.TreeMap<>();
        Document byCode = document == null ? null : document.get("byCode", Document.class);
        if (byCode != null) {
            // kept as decimal text: the value as the city published it, exactly
            byCode.forEach((code, factor) -> factors.put(code, new Restatement.CityFactor(
                    new java.math.BigDecimal(((Document) factor).getString("kgPerUnit")), ((Document) factor).getString("unit"))));
        }
        return factors;
    }

    /** Takes the city's target unless the view holds the same or a newer version of it. */
    public Outcome applyTarget(String cityId, long version, CityTarget target, Instant now) {
        boolean applied = guardedUpsert(views,
                Filters.and(Filters.eq("_id", cityId), Filters.not(Filters.gte("target.version", version))),
                Updates.combine(
                        Updates.set("target", new Document("version", version)
                                .append("type", target.type())
                                .append("baseYear", target.baseYear())
                                .append("targetYear", target.targetYear())
                                .append("sectors", target.sectors().stream().sorted().map(Enum::name).toList())
                                .append("boundary", target.boundary().name())
                                .append("targetEmissionsGrams", target.targetEmissionsGrams())),
                        Updates.set("updatedAt", Date.from(now))));
        return applied ? Outcome.APPLIED : Outcome.STALE;
    }

    private static Document toDocument(LatestInventory.Totals totals) {
        return new Document("basicGrams", totals.basicGrams()).append("basicPlusGrams", totals.basicPlusGrams())
                .append("territorialGrams", totals.territorialGrams());
    }

    private static LatestInventory.Totals toTotals(Document document) {
        return new LatestInventory.Totals(longOf(document.get("basicGrams")), longOf(document.get("basicPlusGrams")),
                longOf(document.get("territorialGrams")));
    }

    private static LatestInventory toInventory(Document document) {
        if (document == null) {
            return null;
        }
        Map<GpcSector, LatestInventory.Totals> bySector = new EnumMap<>(GpcSector.class);
        document.get("bySector", Document.class).forEach((sector, totals) ->
                bySector.put(GpcSector.valueOf(sector), toTotals((Document) totals)));
        return new LatestInventory(document.getInteger("year"), toTotals(document.get("overall", Document.class)), bySector);
    }

    private static CityTarget toTarget(Document document) {
        if (document == null) {
            return null;
        }
        java.util.Set<GpcSector> sectors = java.util.EnumSet.noneOf(GpcSector.class);
        document.getList("sectors", String.class).forEach(sector -> sectors.add(GpcSector.valueOf(sector)));
        return new CityTarget(document.getString("type"), document.getInteger("baseYear"), document.getInteger("targetYear"),
                sectors, CityTarget.Boundary.valueOf(document.getString("boundary")),
                longOrNull(document.get("targetEmissionsGrams")));
    }

    /** The buckets that hold pledges; a bucket every pledge has left is not shown. */
    private static <K extends Enum<K>> Map<K, CityContribution.Tally> tallies(Document document, Class<K> keys) {
        Map<K, CityContribution.Tally> tallies = new EnumMap<>(keys);
        if (document != null) {
            for (K key : keys.getEnumConstants()) {
                Document tally = document.get(key.name(), Document.class);
                if (tally != null && longOf(tally.get("pledgeCount")) != 0) {
                    tallies.put(key, new CityContribution.Tally(longOf(tally.get("pledgeCount")),
                            longOf(tally.get("pledgedGramsPerYear"))));
                }
            }
        }
        return tallies;
    }

    private static long longOf(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static Long longOrNull(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }
}
