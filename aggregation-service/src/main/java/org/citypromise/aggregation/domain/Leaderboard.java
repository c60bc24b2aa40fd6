package org.citypromise.aggregation.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;

/** Cities ranked by what their communities pledged: in total, per resident, or as a share of their gap. */
public final class Leaderboard {

    public enum Ranking { PLEDGED, PER_CAPITA, GAP_COVERAGE }

    /** One city's place. {@code tco2ePerCapita} and {@code gapCoveragePercent} are null where unknown. */
    public record Place(int rank, CityContribution city, BigDecimal pledgedTco2ePerYear, BigDecimal tco2ePerCapita,
                        BigDecimal gapCoveragePercent) {
    }

    /** Per resident, pledges are small: keep them to the milligram. */
    static final int PER_CAPITA_SCALE = 9;

    private Leaderboard() {
    }

    /** All cities ranked; cities without the figure ranked by come last, then by id for a stable order. */
    public static List<Place> rank(List<CityContribution> cities, Ranking ranking) {
        Comparator<CityContribution> byFigure = Comparator.comparing((CityContribution city) -> figure(city, ranking),
                Comparator.nullsLast(Comparator.reverseOrder()));
        List<CityContribution> sorted = cities.stream().sorted(byFigure.thenComparing(CityContribution::cityId)).toList();
        return java.util.stream.IntStream.range(0, sorted.size()).mapToObj(i -> {
            CityContribution city = sorted.get(i);
            return new Place(i + 1, city, Tco2e.fromGrams(city.pledgedGramsPerYear()), perCapita(city), coverage(city));
        }).toList();
    }

    private static BigDecimal coverage(CityContribution city) {
        TargetGap gap = city.gap();
        return gap == null ? null : gap.coveragePercent();
    }

    private static BigDecimal figure(CityContribution city, Ranking ranking) {
        return switch (ranking) {
            case PLEDGED -> Tco2e.fromGrams(city.pledgedGramsPerYear());
            case PER_CAPITA -> perCapita(city);
            case GAP_COVERAGE -> coverage(city);
        };
    }

    /** Pledged tCO2e per year per resident, to the milligram; null until the city's population is known. */
    static BigDecimal perCapita(CityContribution city) {
        if (city.population() == null || city.population() == 0) {
            return null;
        }
        return Tco2e.fromGrams(city.pledgedGramsPerYear()).divide(BigDecimal.valueOf(city.population()),
                PER_CAPITA_SCALE, RoundingMode.HALF_EVEN);
    }
}
