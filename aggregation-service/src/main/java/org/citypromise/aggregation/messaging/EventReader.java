package org.citypromise.aggregation.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.citypromise.aggregation.domain.CityTarget;
import org.citypromise.aggregation.domain.FactorUse;
import org.citypromise.aggregation.domain.GpcSector;
import org.citypromise.aggregation.domain.LatestInventory;
import org.citypromise.aggregation.domain.PledgeArea;
import org.citypromise.aggregation.domain.PledgeContribution;
import org.citypromise.aggregation.domain.PledgeStatus;
import org.citypromise.aggregation.domain.Restatement;
import org.citypromise.aggregation.domain.StakeholderType;
import org.citypromise.aggregation.domain.Tco2e;
import org.citypromise.aggregation.domain.Position;
import org.citypromise.aggregation.domain.ViewEvent;
import org.citypromise.kit.messaging.CloudEventHeaders;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a Kafka record into what the views take, or says why it cannot: the consumer's side of the
 * event contracts. A record is poison when its body is not JSON ({@link Poison#UNPARSEABLE}), its
 * CloudEvents type is not one this service reads, including an unknown version of a known event
 * ({@link Poison#UNKNOWN_TYPE}), or its body does not hold what the contract requires
 * ({@link Poison#SCHEMA}). Retrying cannot fix any of these; they go to the dead-letter topic.
 */
public class EventReader {

    /** A consumer's copy reads only what it needs; producers may add fields. */
    static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** What reading a record gave: an event for the views, or why it is poison. */
    public sealed interface Read {
    }

    public record Readable(ViewEvent event) implements Read {
    }

    public record Poison(String reason, String detail) implements Read {
        public static final String UNPARSEABLE = "unparseable";
        public static final String UNKNOWN_TYPE = "unknown-type";
        public static final String SCHEMA = "schema";
    }

    private final Clock clock;

    public EventReader(Clock clock) {
        this.clock = clock;
    }

    /**
     * Reads a record of {@value AggregationTopics#PLEDGE_EVENTS} or {@value AggregationTopics#INVENTORY_EVENTS}
     * (or one of theirs re-driven from the dead-letter topic, at {@code position}).
     */
    public Read read(ConsumerRecord<String, byte[]> record, Position position) {
        String type = CloudEventHeaders.attribute(record.headers(), "type");
        if (type == null || !AggregationTopics.READ_TYPES.contains(type)) {
            return new Poison(Poison.UNKNOWN_TYPE, type == null ? "no ce_type header" : "not a type this service reads: " + type);
        }
        if (record.value() == null) {
            return new Poison(Poison.UNPARSEABLE, "no body");
        }
        try {
            return new Readable(event(type, record.value(), position));
        } catch (StreamReadException e) {
            return new Poison(Poison.UNPARSEABLE, e.getOriginalMessage());
        } catch (JacksonException e) {
            return new Poison(Poison.SCHEMA, e.getOriginalMessage());
        } catch (IllegalArgumentException | ArithmeticException e) {
            return new Poison(Poison.SCHEMA, e.getMessage());
        }
    }

    private ViewEvent event(String type, byte[] body, Position position) {
        switch (type) {
            case AggregationTopics.PLEDGE_SUBMITTED, AggregationTopics.PLEDGE_UPDATED -> {
                return pledge(body, position);
            }
            case AggregationTopics.CITY_REGISTERED -> {
                CityRegistered city = readCity(body);
                return new ViewEvent.City(city.cityId(), city.name(), city.countryCode(),
                        city.population() == null ? 0 : city.population(), city.version(), position);
            }
            case AggregationTopics.INVENTORY_PUBLISHED -> {
                InventoryPublished inventory = readInventory(body);
                return new ViewEvent.Inventory(inventory.cityId(), inventory.version(), latest(inventory), position);
            }
            case AggregationTopics.TARGET_SET -> {
                TargetSet target = readTarget(body);
                return new ViewEvent.Target(target.cityId(), target.version(), cityTarget(target), position);
            }
            default -> {
                EmissionFactorsPublished factors = readFactors(body);
                Map<String, Restatement.CityFactor> byCode = new TreeMap<>();
                factors.factors().forEach(f -> byCode.put(f.code(), new Restatement.CityFactor(f.value(), f.unit())));
                return new ViewEvent.Factors(factors.cityId(), factors.version(), byCode, position);
            }
        }
    }

    private ViewEvent.Pledge pledge(byte[] body, Position position) {
        PledgeSubmitted pledge = readPledge(body);
        // the day it changed, as pledge-service says; a replay counts it under the same day
        Instant when = pledge.changedAt() != null ? pledge.changedAt()
                : pledge.pledgedAt() != null ? pledge.pledgedAt() : clock.instant();
        return new ViewEvent.Pledge(contribution(pledge), pledge.participantId(),
                LocalDate.ofInstant(when, ZoneOffset.UTC), position);
    }

    static EmissionFactorsPublished readFactors(byte[] body) {
        EmissionFactorsPublished factors = JSON.readValue(body, EmissionFactorsPublished.class);
        if (factors == null || factors.cityId() == null || factors.version() == null || factors.factors() == null
                || factors.factors().stream().anyMatch(f -> f == null || f.code() == null || f.value() == null
                || f.unit() == null)) {
            throw new IllegalArgumentException("cityId, version and factors with code, value and unit are required");
        }
        return factors;
    }

    static InventoryPublished readInventory(byte[] body) {
        InventoryPublished inventory = JSON.readValue(body, InventoryPublished.class);
        if (inventory == null || inventory.cityId() == null || inventory.year() == null || inventory.version() == null
                || inventory.totals() == null || inventory.bySector() == null
                || inventory.bySector().values().stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("cityId, year, version, totals and bySector are required");
        }
        return inventory;
    }

    static TargetSet readTarget(byte[] body) {
        TargetSet target = JSON.readValue(body, TargetSet.class);
        if (target == null || target.cityId() == null || target.version() == null || target.targetYear() == null
                || target.sectors() == null || target.sectors().contains(null) || target.boundary() == null) {
            throw new IllegalArgumentException("cityId, version, targetYear, sectors and boundary are required");
        }
        return target;
    }

    static LatestInventory latest(InventoryPublished inventory) {
        Map<GpcSector, LatestInventory.Totals> bySector = new EnumMap<>(GpcSector.class);
        inventory.bySector().forEach((sector, totals) -> bySector.put(GpcSector.valueOf(sector), grams(totals)));
        return new LatestInventory(inventory.year(), grams(inventory.totals()), bySector);
    }

    private static LatestInventory.Totals grams(InventoryPublished.Totals totals) {
        return new LatestInventory.Totals(Tco2e.toGrams(totals.basic()), Tco2e.toGrams(totals.basicPlus()),
                Tco2e.toGrams(totals.territorial()));
    }

    static CityTarget cityTarget(TargetSet target) {
        Set<GpcSector> sectors = EnumSet.noneOf(GpcSector.class);
        target.sectors().forEach(sector -> sectors.add(GpcSector.valueOf(sector)));
        return new CityTarget(target.type(), target.baseYear(), target.targetYear(), sectors,
                CityTarget.Boundary.valueOf(target.boundary()),
                target.targetEmissionsTco2e() == null ? null : Tco2e.toGrams(target.targetEmissionsTco2e()));
    }

    /** Reads a city-registered body; refuses one that lacks what the view needs. */
    static CityRegistered readCity(byte[] body) {
        CityRegistered city = JSON.readValue(body, CityRegistered.class);
        if (city == null || city.cityId() == null || city.name() == null || city.version() == null
                || city.version() < 1) {
            throw new IllegalArgumentException("cityId, name and a version of at least 1 are required");
        }
        return city;
    }

    /** Reads a pledge-submitted body; refuses one that lacks what the view needs. */
    static PledgeSubmitted readPledge(byte[] body) {
        PledgeSubmitted pledge = JSON.readValue(body, PledgeSubmitted.class);
        if (pledge == null || pledge.pledgeId() == null || pledge.cityId() == null || pledge.stakeholderType() == null
                || pledge.gpcRef() == null || pledge.scope() == null || pledge.version() == null
                || pledge.estimatedTco2ePerYear() == null) {
            throw new IllegalArgumentException(
                    "pledgeId, cityId, stakeholderType, gpcRef, scope, estimatedTco2ePerYear and version are required");
        }
        return pledge;
    }

    /** What a pledge adds to its city's view; its amount converted to whole grams exactly. */
    static PledgeContribution contribution(PledgeSubmitted pledge) {
        return new PledgeContribution(pledge.pledgeId(), pledge.version(), pledge.cityId(),
                StakeholderType.valueOf(pledge.stakeholderType()), pledge.actionCode(), pledge.gpcRef(),
                pledge.scope(), Tco2e.toGrams(pledge.estimatedTco2ePerYear()),
                pledge.status() == null ? PledgeStatus.ACTIVE : PledgeStatus.valueOf(pledge.status()),
                pledge.achievedTco2ePerYear() == null ? 0 : Tco2e.toGrams(pledge.achievedTco2ePerYear()),
                pledge.pledgeArea() == null ? null : PledgeArea.valueOf(pledge.pledgeArea()),
                pledge.quantity() == null || pledge.emissionFactor() == null || pledge.emissionFactor().code() == null
                        ? null : new FactorUse(pledge.emissionFactor().code(), pledge.emissionFactor().unit(),
                        pledge.quantity().movePointRight(3).setScale(0).longValueExact()));
    }
}
