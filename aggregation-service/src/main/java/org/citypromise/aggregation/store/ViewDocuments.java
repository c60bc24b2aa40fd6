package org.citypromise.aggregation.store;

import org.bson.Document;
import org.citypromise.aggregation.domain.CityContribution;
import org.citypromise.aggregation.domain.CityTarget;
import org.citypromise.aggregation.domain.ContributionChange;
import org.citypromise.aggregation.domain.FactorUse;
import org.citypromise.aggregation.domain.GpcSector;
import org.citypromise.aggregation.domain.LatestInventory;
import org.citypromise.aggregation.domain.PledgeArea;
import org.citypromise.aggregation.domain.PledgeContribution;
import org.citypromise.aggregation.domain.PledgeStatus;
import org.citypromise.aggregation.domain.Restatement;
import org.citypromise.aggregation.domain.StakeholderType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The layout of the store's documents, in one place: a city view ({@code _id} = city id) and the
 * counted state of a pledge. Views are changed in memory here and written whole by the store.
 *
 * <p>All amounts are whole grams (see {@link org.citypromise.aggregation.domain.Tco2e}), summed in
 * 64-bit integers: exact, and the same on MongoDB and mongo-java-server.
 */
final class ViewDocuments {

    private ViewDocuments() {
    }

    static final String PARTICIPANT_COUNT = "participantCount";

    /**
     * The breakdown groups a pledge counts in whose participants are counted: its stakeholder type, GPC
     * sector and area, as the dotted paths of their tallies in the view. They never change between a
     * pledge's versions.
     */
    static List<String> participantGroups(PledgeContribution pledge) {
        List<String> groups = new ArrayList<>(3);
        groups.add("byStakeholderType." + pledge.stakeholderType().name());
        groups.add("bySector." + pledge.sector().name());
        if (pledge.area() != null) {
            groups.add("byArea." + pledge.area().name());
        }
        return groups;
    }

    /** Adds what one pledge change does to a city view's counters. */
    static void count(Document view, ContributionChange change, LocalDate day) {
        add(view, "", change.total());
        if (change.achievedGrams() != 0) {
            inc(view, "achievedGramsPerYear", change.achievedGrams());
        }
        change.byStatus().forEach((status, tally) -> add(view, "statuses." + status.name() + ".", tally));
        change.byStakeholderType().forEach((type, tally) -> add(view, "byStakeholderType." + type.name() + ".", tally));
        change.bySector().forEach((sector, tally) -> add(view, "bySector." + sector.name() + ".", tally));
        change.byArea().forEach((area, tally) -> add(view, "byArea." + area.name() + ".", tally));
        // the daily series: new pledges and the net change of pledged grams on the day of the change
        add(view, "daily." + day + ".", change.total());
        addFactors(view, "byFactor.", change.byFactor());
        addFactors(view, "activeByFactor.", change.activeByFactor());
    }

    private static void addFactors(Document view, String prefix, Map<String, Restatement.FactorTally> tallies) {
        tallies.forEach((code, tally) -> {
            child(view, prefix + code).put("unit", tally.unit());
            inc(view, prefix + code + ".milliQuantity", tally.milliQuantity());
            inc(view, prefix + code + ".grams", tally.grams());
        });
    }

    private static void add(Document view, String prefix, CityContribution.Tally tally) {
        if (tally.pledgeCount() != 0) {
            inc(view, prefix + "pledgeCount", tally.pledgeCount());
        }
        if (tally.pledgedGramsPerYear() != 0) {
            inc(view, prefix + "pledgedGramsPerYear", tally.pledgedGramsPerYear());
        }
    }

    /** Adds {@code delta} to the number at a dotted path, creating what is missing on the way. */
    static void inc(Document document, String path, long delta) {
        int dot = path.lastIndexOf('.');
        Document parent = dot < 0 ? document : child(document, path.substring(0, dot));
        String field = path.substring(dot + 1);
        parent.put(field, Math.addExact(longOf(parent.get(field)), delta));
    }

    /** The embedded document at a dotted path, created if missing. */
    static Document child(Document document, String path) {
        Document at = document;
        for (String field : path.split("\\.")) {
            Document next = at.get(field, Document.class);
            if (next == null) {
                next = new Document();
                at.put(field, next);
            }
            at = next;
        }
        return at;
    }

    /** A pledge's counted state. Its first field is the version: {@code $max} on it keeps the newest. */
    static Document toState(PledgeContribution pledge) {
        return new Document("version", pledge.version())
                .append("cityId", pledge.cityId())
                .append("gramsPerYear", pledge.gramsPerYear())
                .append("status", pledge.status().name())
                .append("achievedGramsPerYear", pledge.achievedGramsPerYear())
                .append("area", pledge.area() == null ? null : pledge.area().name())
                .append("factor", pledge.factor() == null ? null : new Document("code", pledge.factor().code())
                        .append("unit", pledge.factor().unit())
                        .append("milliQuantity", pledge.factor().milliQuantity()))
                .append("stakeholderType", pledge.stakeholderType().name())
                .append("actionCode", pledge.actionCode())
                .append("gpcRef", pledge.gpcRef())
                .append("scope", pledge.scope());
    }

    static Document toDocument(CityTarget target, long version) {
        return new Document("version", version)
                .append("type", target.type())
                .append("baseYear", target.baseYear())
                .append("targetYear", target.targetYear())
                .append("sectors", target.sectors().stream().sorted().map(Enum::name).toList())
                .append("boundary", target.boundary().name())
                .append("targetEmissionsGrams", target.targetEmissionsGrams());
    }

    static Document toDocument(LatestInventory inventory, long version) {
        Document sectors = new Document();
        inventory.bySector().forEach((sector, totals) -> sectors.append(sector.name(), toDocument(totals)));
        return new Document("year", inventory.year()).append("version", version)
                .append("overall", toDocument(inventory.overall())).append("bySector", sectors);
    }

    static Document toDocument(Map<String, Restatement.CityFactor> factors, long version) {
        Document byCode = new Document();
        // kept as decimal text: the value as the city published it, exactly
        factors.forEach((code, factor) -> byCode.append(code, new Document("kgPerUnit", factor.kgPerUnit().toPlainString())
                .append("unit", factor.unit())));
        return new Document("version", version).append("byCode", byCode);
    }

    static PledgeContribution toPledge(String pledgeId, Document document) {
        return new PledgeContribution(pledgeId, longOf(document.get("version")),
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

    static CityContribution toView(Document document) {
        return new CityContribution(document.getString("_id"), document.getString("name"),
                document.getString("countryCode"), longOrNull(document.get("population")),
                longOf(document.get("pledgeCount")), longOf(document.get("participantCount")), longOf(document.get("pledgedGramsPerYear")),
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

    static Document toDocument(LatestInventory.Totals totals) {
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
                            longOf(tally.get("pledgedGramsPerYear")), longOf(tally.get(PARTICIPANT_COUNT))));
                }
            }
        }
        return tallies;
    }

    static long longOf(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static Long longOrNull(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }
}
