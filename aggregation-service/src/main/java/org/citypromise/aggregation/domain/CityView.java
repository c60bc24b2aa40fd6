package org.citypromise.aggregation.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A city's view as it is counted: its registration, the counters of its pledges and participants, its
 * latest inventory, target and own factors, and, per source partition, the position up to which it has
 * taken the city's events. Here are the rules by which it takes each event:
 * <ul>
 *   <li>A record at or below the view's position on its partition is in the view already
 *   ({@link Outcome#ALREADY_APPLIED}); a pledge's record still brings the ledger up to date.</li>
 *   <li>A pledge: a new one adds itself, a newer version replaces the counted one (its old amounts come
 *   off, the new ones go on, see {@link ContributionChange}), an older or equal version changes nothing,
 *   one that moves to another city is refused. Each participant (pseudonym) counts once in the city and
 *   once in each group it pledged in.</li>
 *   <li>A registration, target or factor list: a newer version replaces the one held.</li>
 *   <li>An inventory: a later year, or a newer version of the year held, replaces the one held.</li>
 * </ul>
 * Every sum is in whole grams, in exact 64-bit arithmetic (an overflow throws rather than wraps).
 * <p>
 * Longer than our other classes on purpose: the rules above stay together in one place, and about half of
 * the lines are the read accessors the store and the API map from.
 */
public final class CityView {

    private final String cityId;
    private long revision;
    private final Map<String, Long> positions;
    private String name;
    private String countryCode;
    private Long population;
    private long cityVersion;
    private long pledgeCount;
    private long pledgedGramsPerYear;
    private long achievedGramsPerYear;
    private long participantCount;
    private final Map<PledgeStatus, CityContribution.Tally> byStatus;
    private final Map<StakeholderType, CityContribution.Tally> byStakeholderType;
    private final Map<GpcSector, CityContribution.Tally> bySector;
    private final Map<PledgeArea, CityContribution.Tally> byArea;
    private final SortedMap<LocalDate, CityContribution.Tally> daily;
    private final Map<String, Restatement.FactorTally> byFactor;
    private final Map<String, Restatement.FactorTally> activeByFactor;
    private Versioned<LatestInventory> inventory;
    private Versioned<CityTarget> target;
    private Versioned<Map<String, Restatement.CityFactor>> factors;
    private Instant updatedAt;

    /**
     * A view as stored. The group tallies ({@code byStakeholderType}, {@code bySector}, {@code byArea})
     * may hold groups every pledge has left: their participants stay counted.
     *
     * @param revision  grows by one with every change taken; the store's guard against a concurrent writer
     * @param positions per partition ({@link Position#key()}), the offset of the last record taken
     */
    public CityView(String cityId, long revision, Map<String, Long> positions, String name, String countryCode,
                    Long population, long cityVersion, long pledgeCount, long pledgedGramsPerYear,
                    long achievedGramsPerYear, long participantCount,
                    Map<PledgeStatus, CityContribution.Tally> byStatus,
                    Map<StakeholderType, CityContribution.Tally> byStakeholderType,
                    Map<GpcSector, CityContribution.Tally> bySector, Map<PledgeArea, CityContribution.Tally> byArea,
                    Map<LocalDate, CityContribution.Tally> daily, Map<String, Restatement.FactorTally> byFactor,
                    Map<String, Restatement.FactorTally> activeByFactor, Versioned<LatestInventory> inventory,
                    Versioned<CityTarget> target, Versioned<Map<String, Restatement.CityFactor>> factors,
                    Instant updatedAt) {
        this.cityId = cityId;
        this.revision = revision;
        this.positions = new TreeMap<>(positions);
        this.name = name;
        this.countryCode = countryCode;
        this.population = population;
        this.cityVersion = cityVersion;
        this.pledgeCount = pledgeCount;
        this.pledgedGramsPerYear = pledgedGramsPerYear;
        this.achievedGramsPerYear = achievedGramsPerYear;
        this.participantCount = participantCount;
        this.byStatus = copy(byStatus, PledgeStatus.class);
        this.byStakeholderType = copy(byStakeholderType, StakeholderType.class);
        this.bySector = copy(bySector, GpcSector.class);
        this.byArea = copy(byArea, PledgeArea.class);
        this.daily = new TreeMap<>(daily);
        this.byFactor = new TreeMap<>(byFactor);
        this.activeByFactor = new TreeMap<>(activeByFactor);
        this.inventory = inventory;
        this.target = target;
        this.factors = factors;
        this.updatedAt = updatedAt;
    }

    /** A city nothing has been taken of yet. */
    public static CityView empty(String cityId) {
        return new CityView(cityId, 0, Map.of(), null, null, null, 0, 0, 0, 0, 0, Map.of(), Map.of(), Map.of(),
                Map.of(), Map.of(), Map.of(), Map.of(), null, null, null, null);
    }

    /** A copy to count on: a write that another writer beat must leave the view as read untouched. */
    public CityView copy() {
        return new CityView(cityId, revision, positions, name, countryCode, population, cityVersion, pledgeCount,
                pledgedGramsPerYear, achievedGramsPerYear, participantCount, byStatus, byStakeholderType, bySector,
                byArea, daily, byFactor, activeByFactor, inventory, target, factors, updatedAt);
    }

    private static <K extends Enum<K>> Map<K, CityContribution.Tally> copy(Map<K, CityContribution.Tally> tallies,
                                                                           Class<K> keys) {
        Map<K, CityContribution.Tally> copy = new EnumMap<>(keys);
        copy.putAll(tallies);
        return copy;
    }

    // --- The rules ---

    /** Whether the view has taken the record at {@code position} already. */
    public boolean hasTaken(Position position) {
        Long at = positions.get(position.key());
        return at != null && at >= position.offset();
    }

    /**
     * Offers an event to the view. The position moves past the event only when the view takes it.
     *
     * @param ledger the counted version of each pledge and the participants known: a pledge is counted
     *               against it, and records its new version and participants in it
     */
    public Outcome take(ViewEvent event, PledgeLedger ledger) {
        boolean taken = hasTaken(event.position());
        Outcome outcome;
        if (event instanceof ViewEvent.Pledge pledge) {
            outcome = takePledge(pledge, taken, ledger);
        } else if (taken) {
            outcome = Outcome.ALREADY_APPLIED;
        } else if (event instanceof ViewEvent.City city) {
            outcome = register(city);
        } else if (event instanceof ViewEvent.Inventory inventory) {
            outcome = takeInventory(inventory);
        } else if (event instanceof ViewEvent.Target target) {
            outcome = takeTarget(target);
        } else {
            outcome = takeFactors((ViewEvent.Factors) event);
        }
        if (outcome == Outcome.APPLIED) {
            positions.put(event.position().key(), event.position().offset());
        }
        return outcome;
    }

    /** Marks the view changed at {@code now}: a new revision, which the publisher of snapshots sends. */
    public void revise(Instant now) {
        revision++;
        updatedAt = now;
    }

    private Outcome takePledge(ViewEvent.Pledge event, boolean taken, PledgeLedger ledger) {
        PledgeContribution pledge = event.pledge();
        var held = ledger.counted(pledge.pledgeId());
        if (held.isPresent() && held.get().version() >= pledge.version()) {
            return taken ? Outcome.ALREADY_APPLIED : Outcome.STALE;
        }
        if (held.isPresent() && !held.get().cityId().equals(pledge.cityId())) {
            return Outcome.REFUSED;
        }
        if (!taken) {
            count(ContributionChange.of(held, pledge), event.day());
        }
        ledger.count(pledge);
        if (event.participantId() != null) {
            String participant = PledgeLedger.participantKey(cityId, event.participantId());
            if (ledger.firstSeen(cityId, participant) && !taken) {
                participantCount = Math.addExact(participantCount, 1);
            }
            // and in each group it pledged in, for the public breakdowns to leave out the small ones
            if (ledger.firstSeen(cityId, participant + "|" + PledgeLedger.group("byStakeholderType", pledge.stakeholderType())) && !taken) {
                addParticipant(byStakeholderType, pledge.stakeholderType());
            }
            if (ledger.firstSeen(cityId, participant + "|" + PledgeLedger.group("bySector", pledge.sector())) && !taken) {
                addParticipant(bySector, pledge.sector());
            }
            if (pledge.area() != null
                    && ledger.firstSeen(cityId, participant + "|" + PledgeLedger.group("byArea", pledge.area())) && !taken) {
                addParticipant(byArea, pledge.area());
            }
        }
        return taken ? Outcome.ALREADY_APPLIED : Outcome.APPLIED;
    }

    /** Adds what one pledge change does to the counters, the daily series under {@code day}. */
    private void count(ContributionChange change, LocalDate day) {
        pledgeCount = Math.addExact(pledgeCount, change.total().pledgeCount());
        pledgedGramsPerYear = Math.addExact(pledgedGramsPerYear, change.total().pledgedGramsPerYear());
        achievedGramsPerYear = Math.addExact(achievedGramsPerYear, change.achievedGrams());
        change.byStatus().forEach((status, tally) -> add(byStatus, status, tally));
        change.byStakeholderType().forEach((type, tally) -> add(byStakeholderType, type, tally));
        change.bySector().forEach((sector, tally) -> add(bySector, sector, tally));
        change.byArea().forEach((area, tally) -> add(byArea, area, tally));
        // the daily series: new pledges and the net change of pledged grams on the day of the change
        if (change.total().pledgeCount() != 0 || change.total().pledgedGramsPerYear() != 0) {
            add(daily, day, change.total());
        }
        addFactors(byFactor, change.byFactor());
        addFactors(activeByFactor, change.activeByFactor());
    }

    private static <K> void add(Map<K, CityContribution.Tally> tallies, K key, CityContribution.Tally change) {
        CityContribution.Tally held = tallies.getOrDefault(key, new CityContribution.Tally(0, 0));
        tallies.put(key, new CityContribution.Tally(Math.addExact(held.pledgeCount(), change.pledgeCount()),
                Math.addExact(held.pledgedGramsPerYear(), change.pledgedGramsPerYear()), held.participantCount()));
    }

    private static <K> void addParticipant(Map<K, CityContribution.Tally> tallies, K key) {
        CityContribution.Tally held = tallies.getOrDefault(key, new CityContribution.Tally(0, 0));
        tallies.put(key, new CityContribution.Tally(held.pledgeCount(), held.pledgedGramsPerYear(),
                Math.addExact(held.participantCount(), 1)));
    }

    private static void addFactors(Map<String, Restatement.FactorTally> tallies,
                                   Map<String, Restatement.FactorTally> changes) {
        changes.forEach((code, change) -> {
            Restatement.FactorTally held = tallies.get(code);
            tallies.put(code, held == null ? change : new Restatement.FactorTally(change.unit(),
                    Math.addExact(held.milliQuantity(), change.milliQuantity()),
                    Math.addExact(held.grams(), change.grams())));
        });
    }

    private Outcome register(ViewEvent.City city) {
        if (cityVersion >= city.version()) {
            return Outcome.STALE;
        }
        name = city.name();
        countryCode = city.countryCode();
        population = city.population();
        cityVersion = city.version();
        return Outcome.APPLIED;
    }

    /** The city's latest inventory: a later year, or a newer version of the year held. */
    private Outcome takeInventory(ViewEvent.Inventory event) {
        int year = event.inventory().year();
        if (inventory != null && (inventory.value().year() > year
                || inventory.value().year() == year && inventory.version() >= event.version())) {
            return Outcome.STALE;
        }
        inventory = new Versioned<>(event.inventory(), event.version());
        return Outcome.APPLIED;
    }

    private Outcome takeTarget(ViewEvent.Target event) {
        if (target != null && target.version() >= event.version()) {
            return Outcome.STALE;
        }
        target = new Versioned<>(event.target(), event.version());
        return Outcome.APPLIED;
    }

    /** The city's own factors, the whole list; the view restates its pledges under them when read. */
    private Outcome takeFactors(ViewEvent.Factors event) {
        if (factors != null && factors.version() >= event.version()) {
            return Outcome.STALE;
        }
        factors = new Versioned<>(Map.copyOf(event.factors()), event.version());
        return Outcome.APPLIED;
    }

    // --- As readers see it ---

    /** The view as it is read: every status (those without pledges at zero), only groups holding pledges. */
    public CityContribution contribution() {
        Map<PledgeStatus, CityContribution.Tally> statuses = new EnumMap<>(PledgeStatus.class);
        for (PledgeStatus status : PledgeStatus.values()) {
            CityContribution.Tally tally = byStatus.getOrDefault(status, new CityContribution.Tally(0, 0));
            statuses.put(status, new CityContribution.Tally(tally.pledgeCount(), tally.pledgedGramsPerYear()));
        }
        return new CityContribution(cityId, name, countryCode, population, pledgeCount, participantCount,
                pledgedGramsPerYear, achievedGramsPerYear, statuses, holdingPledges(byStakeholderType, StakeholderType.class),
                holdingPledges(bySector, GpcSector.class), holdingPledges(byArea, PledgeArea.class),
                new TreeMap<>(byFactor), new TreeMap<>(activeByFactor),
                factors == null ? new TreeMap<>() : new TreeMap<>(factors.value()),
                new TreeMap<>(daily), inventory == null ? null : inventory.value(),
                target == null ? null : target.value(), updatedAt);
    }

    /** The buckets that hold pledges; a bucket every pledge has left is not shown. */
    private static <K extends Enum<K>> Map<K, CityContribution.Tally> holdingPledges(
            Map<K, CityContribution.Tally> tallies, Class<K> keys) {
        Map<K, CityContribution.Tally> holding = new EnumMap<>(keys);
        tallies.forEach((key, tally) -> {
            if (tally.pledgeCount() != 0) {
                holding.put(key, tally);
            }
        });
        return holding;
    }

    // --- What the store maps ---

    public String cityId() {
        return cityId;
    }

    public long revision() {
        return revision;
    }

    public Map<String, Long> positions() {
        return Collections.unmodifiableMap(positions);
    }

    public String name() {
        return name;
    }

    public String countryCode() {
        return countryCode;
    }

    public Long population() {
        return population;
    }

    public long cityVersion() {
        return cityVersion;
    }

    public long pledgeCount() {
        return pledgeCount;
    }

    public long pledgedGramsPerYear() {
        return pledgedGramsPerYear;
    }

    public long achievedGramsPerYear() {
        return achievedGramsPerYear;
    }

    public long participantCount() {
        return participantCount;
    }

    public Map<PledgeStatus, CityContribution.Tally> byStatus() {
        return Collections.unmodifiableMap(byStatus);
    }

    public Map<StakeholderType, CityContribution.Tally> byStakeholderType() {
        return Collections.unmodifiableMap(byStakeholderType);
    }

    public Map<GpcSector, CityContribution.Tally> bySector() {
        return Collections.unmodifiableMap(bySector);
    }

    public Map<PledgeArea, CityContribution.Tally> byArea() {
        return Collections.unmodifiableMap(byArea);
    }

    public SortedMap<LocalDate, CityContribution.Tally> daily() {
        return Collections.unmodifiableSortedMap(daily);
    }

    public Map<String, Restatement.FactorTally> byFactor() {
        return Collections.unmodifiableMap(byFactor);
    }

    public Map<String, Restatement.FactorTally> activeByFactor() {
        return Collections.unmodifiableMap(activeByFactor);
    }

    public Versioned<LatestInventory> inventory() {
        return inventory;
    }

    public Versioned<CityTarget> target() {
        return target;
    }

    public Versioned<Map<String, Restatement.CityFactor>> factors() {
        return factors;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
