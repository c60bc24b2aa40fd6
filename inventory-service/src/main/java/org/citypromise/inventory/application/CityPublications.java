package org.citypromise.inventory.application;

import org.citypromise.inventory.domain.CityId;
import org.citypromise.inventory.domain.Outcome;
import org.citypromise.inventory.domain.StaleVersion;
import org.citypromise.inventory.domain.EmissionFactor;
import org.citypromise.inventory.domain.GpcInventory;
import org.citypromise.inventory.domain.InventoryTotals;
import org.citypromise.inventory.domain.Target;
import org.citypromise.inventory.domain.VersionedFactors;
import org.citypromise.inventory.domain.VersionedInventory;
import org.citypromise.inventory.domain.VersionedTarget;
import org.citypromise.inventory.domain.Written;
import org.citypromise.inventory.messaging.Announcements;
import org.citypromise.inventory.messaging.EmissionFactorsPublished;
import org.citypromise.inventory.messaging.InventoryEvents;
import org.citypromise.inventory.messaging.InventoryPublished;
import org.citypromise.inventory.messaging.TargetSet;
import org.citypromise.inventory.store.CityStore;
import org.citypromise.inventory.store.EmissionFactorStore;
import org.citypromise.inventory.store.InventoryStore;
import org.citypromise.inventory.store.TargetStore;
import org.citypromise.kit.outbox.PendingEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a city's climate officers publish about their city: GPC inventories, the target, emission
 * factors. Each change is stored with the event announcing it on {@value InventoryEvents#TOPIC}.
 * A base-year target's levels follow its base-year inventory: re-publishing that inventory recomputes
 * them and announces the target again.
 */
@Service
public class CityPublications {

    private static final Logger log = LoggerFactory.getLogger(CityPublications.class);

    private final CityStore cities;
    private final InventoryStore inventories;
    private final TargetStore targets;
    private final EmissionFactorStore factors;
    private final Announcements announcements;
    private final Clock clock;

    public CityPublications(CityStore cities, InventoryStore inventories, TargetStore targets,
                            EmissionFactorStore factors, Announcements announcements, Clock clock) {
        this.cities = cities;
        this.inventories = inventories;
        this.targets = targets;
        this.factors = factors;
        this.announcements = announcements;
        this.clock = clock;
    }

    public Written<VersionedInventory> publishInventory(CityId city, Integer year, String gwpSet,
                                                        List<GpcInventory.RowSubmission> rows, OptionalLong ifMatch) {
        requireRegistered(city);
        Instant now = clock.instant();
        GpcInventory inventory = GpcInventory.publish(city, year, gwpSet, rows, currentYear(now));
        Written<VersionedInventory> publication = inventories.publish(inventory, ifMatch, now, version -> event(
                InventoryEvents.INVENTORY_PUBLISHED, city, InventoryEvents.inventorySubject(city.value(), inventory.year()),
                now, InventoryPublished.of(inventory, version, now)));
        log.info("Inventory {} {} of {}: {} (version {}), BASIC {} tCO2e", inventory.year(), inventory.gwpSet(), city,
                publication.outcome(), publication.stored().version(), inventory.totals().overall().basic().toPlainString());
        if (publication.outcome() != Outcome.UNCHANGED) {
            refreshTarget(city);
        }
        return publication;
    }

    public Optional<VersionedInventory> inventory(CityId city, int year) {
        requireRegistered(city);
        return inventories.find(city, year);
    }

    public List<VersionedInventory> inventories(CityId city, int offset, int limit) {
        requireRegistered(city);
        return inventories.list(city, offset, limit);
    }

    public long inventoryCount(CityId city) {
        return inventories.count(city);
    }

    public VersionedTarget setTarget(CityId city, Target.Submission submission, OptionalLong ifMatch) {
        requireRegistered(city);
        Target target = Target.set(city, submission);
        VersionedTarget stored = store(target, ifMatch);
        log.info("Target of {}: {} {} -> {} allows {} tCO2e (version {})", city, target.type(), target.baseYear(),
                target.targetYear(), stored.targetEmissionsTco2e(), stored.version());
        return stored;
    }

    public Optional<VersionedTarget> target(CityId city) {
        requireRegistered(city);
        return targets.find(city);
    }

    public VersionedFactors publishFactors(CityId city, List<EmissionFactor.Submission> submitted,
                                           OptionalLong ifMatch) {
        requireRegistered(city);
        Instant now = clock.instant();
        List<EmissionFactor> list = EmissionFactor.publish(submitted, currentYear(now));
        Written<VersionedFactors> written = factors.publish(city, list, ifMatch, now, version -> event(
                InventoryEvents.EMISSION_FACTORS_PUBLISHED, city, InventoryEvents.emissionFactorsSubject(city.value()), now,
                EmissionFactorsPublished.of(new VersionedFactors(city, list, version, now))));
        log.info("Emission factors of {}: {} (version {})", city, written.outcome(), written.stored().version());
        return written.stored();
    }

    public Optional<VersionedFactors> factors(CityId city) {
        requireRegistered(city);
        return factors.find(city);
    }

    /**
     * Recomputes base-year targets whose base-year inventory changed since their levels were computed.
     * Publishing an inventory does this at once; this sweep, run every {@code citypromise.targets.refresh-interval},
     * repairs a crash between the two writes.
     */
    public void refreshTargets() {
        for (VersionedTarget stored : targets.baseYearTargets()) {
            refreshTarget(stored.target().city());
        }
    }

    private void refreshTarget(CityId city) {
        targets.find(city).filter(stored -> stored.target().needsBaseYearInventory()).ifPresent(stored -> {
            long inventoryVersion = inventories.find(city, stored.target().baseYear())
                    .map(VersionedInventory::version).orElse(0L);
            if (inventoryVersion != stored.basedOnInventoryVersion()) {
                try {
                    VersionedTarget refreshed = store(stored.target(), OptionalLong.of(stored.version()));
                    log.info("Target of {} recomputed from base-year inventory version {}: allows {} tCO2e", city,
                            inventoryVersion, refreshed.targetEmissionsTco2e());
                } catch (StaleVersion changedMeanwhile) {
                    // the officer set a new target meanwhile, computed from the current inventory
                }
            }
        });
    }

    private VersionedTarget store(Target target, OptionalLong ifMatch) {
        Instant now = clock.instant();
        Optional<VersionedInventory> baseYear = target.needsBaseYearInventory()
                ? inventories.find(target.city(), target.baseYear()) : Optional.empty();
        Optional<InventoryTotals> baseTotals = baseYear.map(stored -> stored.inventory().totals());
        BigDecimal baseEmissions = baseTotals.map(target::coveredEmissions).orElse(null);
        BigDecimal level = target.targetEmissions(baseTotals).orElse(null);
        long basedOn = baseYear.map(VersionedInventory::version).orElse(0L);
        return targets.set(target, baseEmissions, level, basedOn, ifMatch, now,
                version -> event(InventoryEvents.TARGET_SET, target.city(), InventoryEvents.targetSubject(target.city().value()),
                        now, TargetSet.of(new VersionedTarget(target, baseEmissions, level, basedOn, version, now))))
                .stored();
    }

    private void requireRegistered(CityId city) {
        if (cities.find(city).isEmpty()) {
            throw new UnknownCity(city.value());
        }
    }

    private PendingEvent event(String type, CityId city, String subject, Instant now, Object data) {
        return announcements.of(type, city.value(), subject, now, data);
    }

    private static int currentYear(Instant now) {
        return now.atOffset(ZoneOffset.UTC).getYear();
    }
}
