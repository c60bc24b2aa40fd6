package org.citypromise.aggregation.domain;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * What taking one pledge version does to its city's counters: the change of the totals and of each
 * breakdown bucket it touches. A new pledge adds itself; a newer version of a pledge already counted
 * replaces it (its old amounts come off, possibly from other buckets, the new ones go on), so one
 * pledge is always one pledge however many versions of it arrive.
 *
 * <p>Only non-zero changes are listed; a change may be negative in a bucket the pledge leaves.
 */
public record ContributionChange(String cityId, CityContribution.Tally total, long achievedGrams,
                                 Map<PledgeStatus, CityContribution.Tally> byStatus,
                                 Map<StakeholderType, CityContribution.Tally> byStakeholderType,
                                 Map<GpcSector, CityContribution.Tally> bySector,
                                 Map<PledgeArea, CityContribution.Tally> byArea,
                                 Map<String, Restatement.FactorTally> byFactor,
                                 Map<String, Restatement.FactorTally> activeByFactor) {

    public ContributionChange {
        byStatus = Map.copyOf(byStatus);
        byStakeholderType = Map.copyOf(byStakeholderType);
        bySector = Map.copyOf(bySector);
        byArea = Map.copyOf(byArea);
        byFactor = Map.copyOf(byFactor);
        activeByFactor = Map.copyOf(activeByFactor);
    }

    /**
     * The change that counts {@code next} in place of {@code counted}, the version already counted if any.
     *
     * @throws IllegalArgumentException if {@code next} is not newer, or moves the pledge to another city
     *                                  (its two views could not be changed in one atomic write)
     */
    public static ContributionChange of(Optional<PledgeContribution> counted, PledgeContribution next) {
        Tallies<StakeholderType> byType = new Tallies<>(StakeholderType.class);
        Tallies<GpcSector> bySector = new Tallies<>(GpcSector.class);
        Tallies<PledgeStatus> byStatus = new Tallies<>(PledgeStatus.class);
        Tallies<PledgeArea> byArea = new Tallies<>(PledgeArea.class);
        Map<String, Restatement.FactorTally> byFactor = new java.util.HashMap<>();
        Map<String, Restatement.FactorTally> activeByFactor = new java.util.HashMap<>();
        long count = 1;
        long grams = next.standingGramsPerYear();
        long achieved = next.achievedGramsPerYear();
        if (counted.isPresent()) {
            PledgeContribution old = counted.get();
            if (!old.pledgeId().equals(next.pledgeId())) {
                throw new IllegalArgumentException("not the same pledge: " + old.pledgeId() + ", " + next.pledgeId());
            }
            if (old.version() >= next.version()) {
                throw new IllegalArgumentException("version " + next.version() + " of pledge " + next.pledgeId()
                        + " is not newer than the counted " + old.version());
            }
            if (!old.cityId().equals(next.cityId())) {
                throw new IllegalArgumentException("pledge " + next.pledgeId() + " cannot move from " + old.cityId()
                        + " to " + next.cityId());
            }
            count -= 1;
            grams = Math.subtractExact(grams, old.standingGramsPerYear());
            achieved = Math.subtractExact(achieved, old.achievedGramsPerYear());
            byType.add(old.stakeholderType(), -1, -old.standingGramsPerYear());
            bySector.add(old.sector(), -1, -old.standingGramsPerYear());
            byStatus.add(old.status(), -1, -old.gramsPerYear());
            if (old.area() != null) {
                byArea.add(old.area(), -1, -old.standingGramsPerYear());
            }
            addFactor(byFactor, old, -1, old.status().stands());
            addFactor(activeByFactor, old, -1, old.status() == PledgeStatus.ACTIVE);
        }
        byType.add(next.stakeholderType(), 1, next.standingGramsPerYear());
        bySector.add(next.sector(), 1, next.standingGramsPerYear());
        byStatus.add(next.status(), 1, next.gramsPerYear());
        if (next.area() != null) {
            byArea.add(next.area(), 1, next.standingGramsPerYear());
        }
        addFactor(byFactor, next, 1, next.status().stands());
        addFactor(activeByFactor, next, 1, next.status() == PledgeStatus.ACTIVE);
        byFactor.values().removeIf(tally -> tally.milliQuantity() == 0 && tally.grams() == 0);
        activeByFactor.values().removeIf(tally -> tally.milliQuantity() == 0 && tally.grams() == 0);
        return new ContributionChange(next.cityId(), new CityContribution.Tally(count, grams), achieved,
                byStatus.nonZero(), byType.nonZero(), bySector.nonZero(), byArea.nonZero(), byFactor, activeByFactor);
    }

    /** A pledge's activity and grams under its factor code, added ({@code sign} 1) or taken off (-1), if it counts. */
    private static void addFactor(Map<String, Restatement.FactorTally> byFactor, PledgeContribution pledge, int sign,
                                  boolean counts) {
        if (pledge.factor() == null || !counts) {
            return;
        }
        FactorUse use = pledge.factor();
        byFactor.merge(use.code(), new Restatement.FactorTally(use.unit(), sign * use.milliQuantity(),
                sign * pledge.gramsPerYear()), (a, b) -> new Restatement.FactorTally(a.unit(),
                Math.addExact(a.milliQuantity(), b.milliQuantity()), Math.addExact(a.grams(), b.grams())));
    }

    /** Sums of count and grams per key, in exact integer arithmetic. */
    private static final class Tallies<K extends Enum<K>> {
        private final Map<K, CityContribution.Tally> sums;

        Tallies(Class<K> keys) {
            sums = new EnumMap<>(keys);
        }

        void add(K key, long count, long grams) {
            sums.merge(key, new CityContribution.Tally(count, grams), (a, b) -> new CityContribution.Tally(
                    Math.addExact(a.pledgeCount(), b.pledgeCount()),
                    Math.addExact(a.pledgedGramsPerYear(), b.pledgedGramsPerYear())));
        }

        Map<K, CityContribution.Tally> nonZero() {
            sums.values().removeIf(tally -> tally.pledgeCount() == 0 && tally.pledgedGramsPerYear() == 0);
            return sums;
        }
    }
}
