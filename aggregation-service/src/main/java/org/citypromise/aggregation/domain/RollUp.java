package org.citypromise.aggregation.domain;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

/**
 * Many cities' contributions added up, for a country or the world: how many cities, residents and
 * pledges, what they pledged and achieved, and, over the cities whose gap to their target is known, how
 * big those gaps are and how much of them active pledges cover.
 *
 * @param gapGrams           the sum of the known gaps of the cities that have one
 * @param activeInGapCities  active pledges' estimates in those same cities, to compare with it
 */
public record RollUp(int cityCount, long population, long pledgeCount, long participantCount, long pledgedGramsPerYear,
                     long restatedGramsPerYear, long achievedGramsPerYear, Map<PledgeStatus, CityContribution.Tally> byStatus,
                     Map<StakeholderType, CityContribution.Tally> byStakeholderType,
                     Map<GpcSector, CityContribution.Tally> bySector, Map<PledgeArea, CityContribution.Tally> byArea,
                     long gapGrams, long activeInGapCities) {

    public static RollUp of(Collection<CityContribution> cities) {
        int count = 0;
        long population = 0;
        long pledges = 0;
        long participants = 0;
        long pledged = 0;
        long achieved = 0;
        long restated = 0;
        long gaps = 0;
        long covering = 0;
        Map<PledgeStatus, CityContribution.Tally> byStatus = new EnumMap<>(PledgeStatus.class);
        Map<StakeholderType, CityContribution.Tally> byType = new EnumMap<>(StakeholderType.class);
        Map<GpcSector, CityContribution.Tally> bySector = new EnumMap<>(GpcSector.class);
        Map<PledgeArea, CityContribution.Tally> byArea = new EnumMap<>(PledgeArea.class);
        for (CityContribution city : cities) {
            count++;
            population = Math.addExact(population, city.population() == null ? 0 : city.population());
            pledges = Math.addExact(pledges, city.pledgeCount());
            // a participant pledging in two cities counts in both: pseudonyms are counted per city
            participants = Math.addExact(participants, city.participantCount());
            pledged = Math.addExact(pledged, city.pledgedGramsPerYear());
            achieved = Math.addExact(achieved, city.achievedGramsPerYear());
            restated = Math.addExact(restated, city.restatedGramsPerYear());
            city.byStatus().forEach((status, tally) -> byStatus.merge(status, tally, RollUp::plus));
            city.byStakeholderType().forEach((type, tally) -> byType.merge(type, tally, RollUp::plus));
            city.bySector().forEach((sector, tally) -> bySector.merge(sector, tally, RollUp::plus));
            city.byArea().forEach((area, tally) -> byArea.merge(area, tally, RollUp::plus));
            TargetGap gap = city.gap();
            if (gap != null && gap.gapGrams() > 0) {
                gaps = Math.addExact(gaps, gap.gapGrams());
                covering = Math.addExact(covering, city.activeRestatedGramsPerYear());
            }
        }
        return new RollUp(count, population, pledges, participants, pledged, restated, achieved, byStatus, byType, bySector, byArea, gaps,
                covering);
    }

    private static CityContribution.Tally plus(CityContribution.Tally a, CityContribution.Tally b) {
        // participants are counted per city: one pledging in two cities counts in both, as above
        return new CityContribution.Tally(Math.addExact(a.pledgeCount(), b.pledgeCount()),
                Math.addExact(a.pledgedGramsPerYear(), b.pledgedGramsPerYear()),
                Math.addExact(a.participantCount(), b.participantCount()));
    }

    /** Active pledges' share of the summed gaps, %, two decimals; null without gaps. */
    public java.math.BigDecimal gapCoveragePercent() {
        return gapGrams == 0 ? null : java.math.BigDecimal.valueOf(activeInGapCities).multiply(java.math.BigDecimal.valueOf(100))
                .divide(java.math.BigDecimal.valueOf(gapGrams), 2, java.math.RoundingMode.HALF_EVEN);
    }
}
