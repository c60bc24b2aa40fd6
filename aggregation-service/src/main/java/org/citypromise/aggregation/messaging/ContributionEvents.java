package org.citypromise.aggregation.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.citypromise.aggregation.domain.CityTarget;
import org.citypromise.aggregation.domain.GpcSector;
import org.citypromise.aggregation.domain.LatestInventory;
import org.citypromise.aggregation.domain.FactorUse;
import org.citypromise.aggregation.domain.PledgeArea;
import org.citypromise.aggregation.domain.Restatement;
import org.citypromise.aggregation.domain.PledgeContribution;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.citypromise.aggregation.domain.PledgeStatus;
import org.citypromise.aggregation.domain.StakeholderType;
import org.citypromise.aggregation.domain.Tco2e;
import org.citypromise.aggregation.store.ContributionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.Locale;

/**
 * Applies the events of both topics to the city views, one record at a time.
 *
 * <p>Reading and writing fail differently. An event of a type this service does not know, or whose
 * body it cannot read, is skipped with a warning naming its topic, partition and offset: retrying
 * cannot fix it, and it must not hold up the partition behind it. (A later issue sends these to a
 * dead-letter topic.) A store failure propagates: the binder retries the record and never commits
 * its offset before the view has taken it.
 *
 * <p>Every record is counted in {@code citypromise.aggregation.events} by topic and outcome.
 */
public class ContributionEvents {

    private static final Logger log = LoggerFactory.getLogger(ContributionEvents.class);

    /** A consumer's copy reads only what it needs; producers may add fields. */
    static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final ContributionStore store;
    private final Clock clock;
    private final MeterRegistry meters;

    public ContributionEvents(ContributionStore store, Clock clock, MeterRegistry meters) {
        this.store = store;
        this.clock = clock;
        this.meters = meters;
    }

    public void onInventoryEvent(Message<byte[]> message) {
        ReceivedEvent event = ReceivedEvent.of(message);
        String type = event.type();
        if (!AggregationTopics.EMISSION_FACTORS_PUBLISHED.equals(type) && !AggregationTopics.CITY_REGISTERED.equals(type) && !AggregationTopics.INVENTORY_PUBLISHED.equals(type)
                && !AggregationTopics.TARGET_SET.equals(type)) {
            skip(event, "unknown-type", "not a type this service reads");
            return;
        }
        ContributionStore.Outcome outcome;
        String what;
        try {
            if (AggregationTopics.CITY_REGISTERED.equals(type)) {
                CityRegistered city = readCity(event.body());
                outcome = store.applyCity(city.cityId(), city.name(), city.countryCode(), city.population(),
                        city.version(), clock.instant());
                what = "City " + city.cityId() + " version " + city.version();
            } else if (AggregationTopics.EMISSION_FACTORS_PUBLISHED.equals(type)) {
                EmissionFactorsPublished factors = readFactors(event.body());
                Map<String, Restatement.CityFactor> byCode = new java.util.TreeMap<>();
                factors.factors().forEach(f -> byCode.put(f.code(), new Restatement.CityFactor(f.value(), f.unit())));
                outcome = store.applyFactors(factors.cityId(), factors.version(), byCode, clock.instant());
                what = "Emission factors of " + factors.cityId() + " version " + factors.version();
            } else if (AggregationTopics.INVENTORY_PUBLISHED.equals(type)) {
                InventoryPublished inventory = readInventory(event.body());
                outcome = store.applyInventory(inventory.cityId(), inventory.version(), latest(inventory), clock.instant());
                what = "Inventory " + inventory.year() + " of " + inventory.cityId() + " version " + inventory.version();
            } else {
                TargetSet target = readTarget(event.body());
                outcome = store.applyTarget(target.cityId(), target.version(), cityTarget(target), clock.instant());
                what = "Target of " + target.cityId() + " version " + target.version();
            }
        } catch (IllegalArgumentException | tools.jackson.core.JacksonException e) {
            skip(event, "unreadable", e.getMessage());
            return;
        }
        count(event, outcome);
        log.info("{}: {} ({})", what, outcome, event);
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

    public void onPledgeEvent(Message<byte[]> message) {
        ReceivedEvent event = ReceivedEvent.of(message);
        if (!AggregationTopics.PLEDGE_SUBMITTED.equals(event.type()) && !AggregationTopics.PLEDGE_UPDATED.equals(event.type())) {
            skip(event, "unknown-type", "not a type this service reads");
            return;
        }
        PledgeContribution contribution;
        LocalDate day;
        String participantId;
        try {
            PledgeSubmitted pledge = readPledge(event.body());
            participantId = pledge.participantId();
            contribution = contribution(pledge);
            // the day it changed, as pledge-service says; a replay counts it under the same day
            java.time.Instant when = pledge.changedAt() != null ? pledge.changedAt()
                    : pledge.pledgedAt() != null ? pledge.pledgedAt() : clock.instant();
            day = LocalDate.ofInstant(when, java.time.ZoneOffset.UTC);
        } catch (RuntimeException e) {
            skip(event, "unreadable", e.getMessage());
            return;
        }
        var outcome = store.applyPledge(contribution, event.position(), clock.instant(), day);
        if (participantId != null && outcome != ContributionStore.Outcome.REFUSED) {
            store.recordParticipant(contribution.cityId(), participantId);
        }
        count(event, outcome);
        if (outcome == ContributionStore.Outcome.REFUSED) {
            log.warn("Refused {}: pledge {} is counted in another city; rebuild the views to move it",
                    event, contribution.pledgeId());
        } else {
            log.debug("Pledge {} version {} of {}: {} ({})", contribution.pledgeId(), contribution.version(),
                    contribution.cityId(), outcome, event);
        }
    }

    private void skip(ReceivedEvent event, String reason, String detail) {
        log.warn("Skipping {}: {}: {}", event, reason, detail);
        counter(event, "skipped-" + reason).increment();
    }

    private void count(ReceivedEvent event, ContributionStore.Outcome outcome) {
        counter(event, outcome.name().toLowerCase(Locale.ROOT).replace('_', '-')).increment();
    }

    private Counter counter(ReceivedEvent event, String outcome) {
        return Counter.builder("citypromise.aggregation.events")
                .description("Consumed records by topic and what became of them")
                .tag("topic", event.position().topic())
                .tag("outcome", outcome)
                .register(meters);
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
