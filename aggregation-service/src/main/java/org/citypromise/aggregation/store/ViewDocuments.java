package org.citypromise.aggregation.store;

import org.bson.Document;
import org.citypromise.aggregation.domain.CityContribution;
import org.citypromise.aggregation.domain.CityTarget;
import org.citypromise.aggregation.domain.CityView;
import org.citypromise.aggregation.domain.FactorUse;
import org.citypromise.aggregation.domain.GpcSector;
import org.citypromise.aggregation.domain.LatestInventory;
import org.citypromise.aggregation.domain.PledgeArea;
import org.citypromise.aggregation.domain.PledgeContribution;
import org.citypromise.aggregation.domain.PledgeStatus;
import org.citypromise.aggregation.domain.Restatement;
import org.citypromise.aggregation.domain.StakeholderType;
import org.citypromise.aggregation.domain.Versioned;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Date;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The layout of the store's documents, in one place: a city view ({@code _id} = city id) mapped to and
 * from {@link CityView}, and the counted state of a pledge. A view is written whole.
 *
 * <p>All amounts are whole grams (see {@link org.citypromise.aggregation.domain.Tco2e}), kept as 64-bit
 * integers: exact, and the same on MongoDB and mongo-java-server.
 */
final class ViewDocuments {

    private static final String PLEDGE_COUNT = "pledgeCount";
    private static final String PLEDGED = "pledgedGramsPerYear";
    private static final String PARTICIPANT_COUNT = "participantCount";

    private ViewDocuments() {
    }

    // --- City views ---

    static Document toDocument(CityView view) {
        Document document = new Document("_id", view.cityId()).append("rev", view.revision());
        Document positions = new Document();
        positions.putAll(view.positions());
        document.append("positions", positions);
        if (view.cityVersion() > 0) {
            document.append("name", view.name()).append("countryCode", view.countryCode())
                    .append("population", view.population()).append("cityVersion", view.cityVersion());
        }
        document.append(PLEDGE_COUNT, view.pledgeCount()).append(PLEDGED, view.pledgedGramsPerYear())
                .append("achievedGramsPerYear", view.achievedGramsPerYear())
                .append(PARTICIPANT_COUNT, view.participantCount())
                .append("statuses", tallies(view.byStatus(), Enum::name, false))
                .append("byStakeholderType", tallies(view.byStakeholderType(), Enum::name, true))
                .append("bySector", tallies(view.bySector(), Enum::name, true))
                .append("byArea", tallies(view.byArea(), Enum::name, true))
                .append("daily", tallies(view.daily(), LocalDate::toString, false))
                .append("byFactor", factorTallies(view.byFactor()))
                .append("activeByFactor", factorTallies(view.activeByFactor()));
        if (view.inventory() != null) {
            document.append("inventory", toDocument(view.inventory()));
        }
        if (view.target() != null) {
            document.append("target", toDocument(view.target().value(), view.target().version()));
        }
        if (view.factors() != null) {
            Document byCode = new Document();
            // kept as decimal text: the value as the city published it, exactly
            new TreeMap<>(view.factors().value()).forEach((code, factor) -> byCode.append(code,
                    new Document("kgPerUnit", factor.kgPerUnit().toPlainString()).append("unit", factor.unit())));
            document.append("factors", new Document("version", view.factors().version()).append("byCode", byCode));
        }
        if (view.updatedAt() != null) {
            document.append("updatedAt", Date.from(view.updatedAt()));
        }
        return document;
    }

    static CityView toCityView(Document document) {
        Map<String, Long> positions = new HashMap<>();
        Document held = document.get("positions", Document.class);
        if (held != null) {
            held.forEach((partition, offset) -> positions.put(partition, longOf(offset)));
        }
        Document factors = document.get("factors", Document.class);
        Document inventory = document.get("inventory", Document.class);
        Document target = document.get("target", Document.class);
        return new CityView(document.getString("_id"), longOf(document.get("rev")), positions,
                document.getString("name"), document.getString("countryCode"), longOrNull(document.get("population")),
                longOf(document.get("cityVersion")), longOf(document.get(PLEDGE_COUNT)), longOf(document.get(PLEDGED)),
                longOf(document.get("achievedGramsPerYear")), longOf(document.get(PARTICIPANT_COUNT)),
                tallies(document.get("statuses", Document.class), PledgeStatus.class),
                tallies(document.get("byStakeholderType", Document.class), StakeholderType.class),
                tallies(document.get("bySector", Document.class), GpcSector.class),
                tallies(document.get("byArea", Document.class), PledgeArea.class),
                daily(document.get("daily", Document.class)),
                factorTallies(document.get("byFactor", Document.class)),
                factorTallies(document.get("activeByFactor", Document.class)),
                inventory == null ? null : new Versioned<>(toInventory(inventory), longOf(inventory.get("version"))),
                target == null ? null : new Versioned<>(toTarget(target), longOf(target.get("version"))),
                factors == null ? null : new Versioned<>(cityFactors(factors), longOf(factors.get("version"))),
                document.getDate("updatedAt") == null ? null : document.getDate("updatedAt").toInstant());
    }

    /** A view as readers see it. */
    static CityContribution toView(Document document) {
        return toCityView(document).contribution();
    }

    private static <K> Document tallies(Map<K, CityContribution.Tally> tallies, Function<K, String> names,
                                        boolean withParticipants) {
        Document document = new Document();
        tallies.forEach((key, tally) -> {
            Document counts = new Document(PLEDGE_COUNT, tally.pledgeCount()).append(PLEDGED, tally.pledgedGramsPerYear());
            if (withParticipants) {
                counts.append(PARTICIPANT_COUNT, tally.participantCount());
            }
            document.append(names.apply(key), counts);
        });
        return document;
    }

    private static <K extends Enum<K>> Map<K, CityContribution.Tally> tallies(Document document, Class<K> keys) {
        Map<K, CityContribution.Tally> tallies = new EnumMap<>(keys);
        if (document != null) {
            for (K key : keys.getEnumConstants()) {
                Document tally = document.get(key.name(), Document.class);
                if (tally != null) {
                    tallies.put(key, toTally(tally));
                }
            }
        }
        return tallies;
    }

    private static CityContribution.Tally toTally(Document tally) {
        return new CityContribution.Tally(longOf(tally.get(PLEDGE_COUNT)), longOf(tally.get(PLEDGED)),
                longOf(tally.get(PARTICIPANT_COUNT)));
    }

    private static Map<LocalDate, CityContribution.Tally> daily(Document document) {
        Map<LocalDate, CityContribution.Tally> days = new TreeMap<>();
        if (document != null) {
            document.forEach((day, tally) -> days.put(LocalDate.parse(day), new CityContribution.Tally(
                    longOf(((Document) tally).get(PLEDGE_COUNT)), longOf(((Document) tally).get(PLEDGED)))));
        }
        return days;
    }

    private static Document factorTallies(Map<String, Restatement.FactorTally> tallies) {
        Document document = new Document();
        tallies.forEach((code, tally) -> document.append(code, new Document("unit", tally.unit())
                .append("milliQuantity", tally.milliQuantity()).append("grams", tally.grams())));
        return document;
    }

    private static Map<String, Restatement.FactorTally> factorTallies(Document document) {
        Map<String, Restatement.FactorTally> tallies = new TreeMap<>();
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
        Map<String, Restatement.CityFactor> factors = new TreeMap<>();
        Document byCode = document.get("byCode", Document.class);
        if (byCode != null) {
            // kept as decimal text: the value as the city published it, exactly
            byCode.forEach((code, factor) -> factors.put(code, new Restatement.CityFactor(
                    new BigDecimal(((Document) factor).getString("kgPerUnit")), ((Document) factor).getString("unit"))));
        }
        return factors;
    }

    private static Document toDocument(CityTarget target, long version) {
        return new Document("version", version)
                .append("type", target.type())
                .append("baseYear", target.baseYear())
                .append("targetYear", target.targetYear())
                .append("sectors", target.sectors().stream().sorted().map(Enum::name).toList())
                .append("boundary", target.boundary().name())
                .append("targetEmissionsGrams", target.targetEmissionsGrams());
    }

    private static CityTarget toTarget(Document document) {
        Set<GpcSector> sectors = EnumSet.noneOf(GpcSector.class);
        document.getList("sectors", String.class).forEach(sector -> sectors.add(GpcSector.valueOf(sector)));
        return new CityTarget(document.getString("type"), document.getInteger("baseYear"), document.getInteger("targetYear"),
                sectors, CityTarget.Boundary.valueOf(document.getString("boundary")),
                longOrNull(document.get("targetEmissionsGrams")));
    }

    private static Document toDocument(Versioned<LatestInventory> inventory) {
        Document sectors = new Document();
        new TreeMap<>(inventory.value().bySector()).forEach((sector, totals) -> sectors.append(sector.name(), toDocument(totals)));
        return new Document("year", inventory.value().year()).append("version", inventory.version())
                .append("overall", toDocument(inventory.value().overall())).append("bySector", sectors);
    }

    private static Document toDocument(LatestInventory.Totals totals) {
        return new Document("basicGrams", totals.basicGrams()).append("basicPlusGrams", totals.basicPlusGrams())
                .append("territorialGrams", totals.territorialGrams());
    }

    private static LatestInventory toInventory(Document document) {
        Map<GpcSector, LatestInventory.Totals> bySector = new EnumMap<>(GpcSector.class);
        document.get("bySector", Document.class).forEach((sector, totals) ->
                bySector.put(GpcSector.valueOf(sector), toTotals((Document) totals)));
        return new LatestInventory(document.getInteger("year"), toTotals(document.get("overall", Document.class)), bySector);
    }

    private static LatestInventory.Totals toTotals(Document document) {
        return new LatestInventory.Totals(longOf(document.get("basicGrams")), longOf(document.get("basicPlusGrams")),
                longOf(document.get("territorialGrams")));
    }

    // --- Pledge states ---

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

    static long longOf(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static Long longOrNull(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }
}
