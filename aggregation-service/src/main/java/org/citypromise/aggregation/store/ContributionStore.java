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
import org.citypromise.aggregation.domain.GpcSector;
import org.citypromise.aggregation.domain.PledgeContribution;
import org.citypromise.aggregation.domain.StakeholderType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The per-city views ({@code city_contributions}) and the pledges counted in them ({@code pledges}).
 *
 * <p>Exactness without multi-document transactions rests on two guards:
 * <ul>
 *   <li>Each city document keeps, per topic partition, the offset of the last record applied to it
 *   ({@code positions}). Applying a pledge is one {@code updateOne} that matches only if that position
 *   is below the record's offset, and moves it: the update and its position change atomically, so a
 *   redelivered record matches nothing. All of a city's events share one partition (key = city id).</li>
 *   <li>The producer's outbox may publish one event twice, at different offsets. {@code pledges} holds
 *   each pledge's latest counted version; a pledge version already held is not counted again. It is
 *   written after the city update: if we crash in between, the redelivered record finds the pledge
 *   not held, the city update guarded by its position, and then records the pledge.</li>
 * </ul>
 * Stale writes (a filter that fails on an existing document during an upsert raises E11000, on
 * MongoDB and on mongo-java-server alike) are treated as already applied.
 */
public class ContributionStore {

    /** Where a record sits on Kafka. */
    public record Position(String topic, int partition, long offset) {
        String field() {
            return "positions." + topic + "-" + partition;
        }
    }

    public enum Outcome { APPLIED, ALREADY_APPLIED, STALE }

    private final MongoCollection<Document> views;
    private final MongoCollection<Document> pledges;

    public ContributionStore(MongoCollection<Document> views, MongoCollection<Document> pledges) {
        this.views = views;
        this.pledges = pledges;
    }

    public Outcome applyPledge(PledgeContribution pledge, Position position, Instant now) {
        Document held = pledges.find(Filters.eq("_id", pledge.pledgeId())).first();
        if (held != null && ((Number) held.get("version")).longValue() >= pledge.version()) {
            return Outcome.STALE;
        }
        String byType = "byStakeholderType." + pledge.stakeholderType().name();
        String bySector = "bySector." + pledge.sector().name();
        boolean applied = guardedUpsert(views,
                Filters.and(Filters.eq("_id", pledge.cityId()), Filters.not(Filters.gte(position.field(), position.offset()))),
                Updates.combine(
                        Updates.inc("pledgeCount", 1L),
                        Updates.inc("pledgedGramsPerYear", pledge.gramsPerYear()),
                        Updates.inc(byType + ".pledgeCount", 1L),
                        Updates.inc(byType + ".pledgedGramsPerYear", pledge.gramsPerYear()),
                        Updates.inc(bySector + ".pledgeCount", 1L),
                        Updates.inc(bySector + ".pledgedGramsPerYear", pledge.gramsPerYear()),
                        Updates.set(position.field(), position.offset()),
                        Updates.set("updatedAt", Date.from(now))));
        guardedUpsert(pledges,
                Filters.and(Filters.eq("_id", pledge.pledgeId()), Filters.not(Filters.gte("version", pledge.version()))),
                Updates.combine(
                        Updates.set("cityId", pledge.cityId()),
                        Updates.set("version", pledge.version()),
                        Updates.set("stakeholderType", pledge.stakeholderType().name()),
                        Updates.set("sector", pledge.sector().name()),
                        Updates.set("gramsPerYear", pledge.gramsPerYear())));
        return applied ? Outcome.APPLIED : Outcome.ALREADY_APPLIED;
    }

    /** Takes a city's registration unless the view holds the same or a newer version of it. */
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
        return Optional.ofNullable(views.find(Filters.eq("_id", cityId)).first()).map(ContributionStore::toView);
    }

    public List<CityContribution> list(int offset, int limit) {
        List<CityContribution> page = new ArrayList<>();
        views.find().sort(Sorts.ascending("_id")).skip(offset).limit(limit).forEach(d -> page.add(toView(d)));
        return page;
    }

    public long count() {
        return views.countDocuments();
    }

    /** An upsert whose filter also guards against stale writes; false when the guard refused it. */
    private static boolean guardedUpsert(MongoCollection<Document> collection, Bson filter, Bson update) {
        try {
            collection.updateOne(filter, update, new UpdateOptions().upsert(true));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    private static CityContribution toView(Document document) {
        return new CityContribution(document.getString("_id"), document.getString("name"),
                document.getString("countryCode"), longOrNull(document.get("population")),
                longOf(document.get("pledgeCount")), longOf(document.get("pledgedGramsPerYear")),
                tallies(document.get("byStakeholderType", Document.class), StakeholderType.class),
                tallies(document.get("bySector", Document.class), GpcSector.class),
                document.getDate("updatedAt") == null ? null : document.getDate("updatedAt").toInstant());
    }

    private static <K extends Enum<K>> Map<K, CityContribution.Tally> tallies(Document document, Class<K> keys) {
        Map<K, CityContribution.Tally> tallies = new EnumMap<>(keys);
        if (document != null) {
            for (K key : keys.getEnumConstants()) {
                Document tally = document.get(key.name(), Document.class);
                if (tally != null) {
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
