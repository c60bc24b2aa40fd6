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
        Comparator<Place> byFigure = Comparator.comparing((Place place) -> figure(place, ranking),
                Comparator.nullsLast(Comparator.reverseOrder()));
        List<Place> unranked = cities.stream().map(city -> new Place(0, city, Tco2e.fromGrams(city.pledgedGramsPerYear()),
                perCapita(city), city.gap() == null ? null : city.gap().coveragePercent())).toList();
        List<Place> sorted = unranked.stream().sorted(byFigure.thenComparing(place -> place.city().cityId())).toList();
        return java.util.stream.IntStream.range(0, sorted.size()).mapToObj(i -> new Place(i + 1, sorted.get(i).city(),
                sorted.get(i).pledgedTco2ePerYear(), sorted.get(i).tco2ePerCapita(), sorted.get(i).gapCoveragePercent()))
                .toList();
    }

    private static BigDecimal figure(Place place, Ranking ranking) {
        return switch (ranking) {
            case PLEDGED -> place.pledgedTco2ePerYear();
            case PER_CAPITA -> place.tco2ePerCapita();
            case GAP_COVERAGE -> place.gapCoveragePercent();
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
