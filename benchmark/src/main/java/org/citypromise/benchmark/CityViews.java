package org.citypromise.benchmark;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import org.bson.Document;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * aggregation-service's per-city views ({@code city_contributions_g1}) as the benchmark reads them: only
 * the fields it needs, so that its polling costs the store as little as possible. A view holds, per
 * partition, the offset of the last record it has taken ({@code positions.pledge-events-<p>}).
 */
final class CityViews {

    static final String COLLECTION = "city_contributions_g1";
    private static final String POSITION_PREFIX = EventRecords.PLEDGE_TOPIC + "-";
    /** positions.pledge-events-0 .. -5: a view holds positions on other topics too, not wanted here. */
    private static final List<String> PLEDGE_POSITIONS = IntStream.range(0, Backbone.PARTITIONS)
            .mapToObj(partition -> "positions." + POSITION_PREFIX + partition).toList();

    /** How far the views are: pledges counted, and per pledge partition the highest offset any view holds. */
    record Progress(long pledges, Map<Integer, Long> positions) {

        boolean reached(long expectedPledges, Map<Integer, Long> endOffsets) {
            if (pledges != expectedPledges) {
                return false;
            }
            for (Map.Entry<Integer, Long> end : endOffsets.entrySet()) {
                if (end.getValue() > 0 && positions.getOrDefault(end.getKey(), -1L) != end.getValue() - 1) {
                    return false;
                }
            }
            return true;
        }
    }

    private final MongoCollection<Document> views;

    CityViews(MongoCollection<Document> views) {
        this.views = views;
    }

    boolean any() {
        return views.find().projection(Projections.include("_id")).limit(1).first() != null;
    }

    Progress progress() {
        long pledges = 0;
        Map<Integer, Long> highest = new TreeMap<>();
        for (Document view : views.find().projection(Projections.fields(
                Projections.include("pledgeCount"), Projections.include(PLEDGE_POSITIONS)))) {
            pledges += longOf(view.get("pledgeCount"));
            pledgePositions(view).forEach((partition, offset) -> highest.merge(partition, offset, Math::max));
        }
        return new Progress(pledges, highest);
    }

    Map<String, CityTotals> totals() {
        Map<String, CityTotals> totals = new HashMap<>();
        for (Document view : views.find().projection(Projections.include("pledgeCount", "pledgedGramsPerYear"))) {
            totals.put(view.getString("_id"),
                    new CityTotals(longOf(view.get("pledgeCount")), longOf(view.get("pledgedGramsPerYear"))));
        }
        return totals;
    }

    /** Per city asked for (if it has a view): per pledge partition, the offset of the last record taken. */
    Map<String, Map<Integer, Long>> positions(Collection<String> cityIds) {
        Map<String, Map<Integer, Long>> positions = new HashMap<>();
        for (Document view : views.find(Filters.in("_id", cityIds)).projection(Projections.include(PLEDGE_POSITIONS))) {
            positions.put(view.getString("_id"), pledgePositions(view));
        }
        return positions;
    }

    private static Map<Integer, Long> pledgePositions(Document view) {
        Map<Integer, Long> byPartition = new HashMap<>();
        Document held = view.get("positions", Document.class);
        if (held != null) {
            held.forEach((key, offset) -> {
                if (key.startsWith(POSITION_PREFIX)) {
                    byPartition.put(Integer.parseInt(key.substring(POSITION_PREFIX.length())), longOf(offset));
                }
            });
        }
        return byPartition;
    }

    private static long longOf(Object value) {
        return value instanceof Number number ? number.longValue() : 0;
    }
}
