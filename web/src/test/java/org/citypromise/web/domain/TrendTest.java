package org.citypromise.web.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TrendTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);

    @Test
    void theWindowStartsFromEverythingPledgedBeforeIt() {
        Trend trend = Trend.of(List.of(
                new Trend.DayChange(LocalDate.of(2025, 1, 1), 3, new BigDecimal("10")),
                new Trend.DayChange(TODAY.minusDays(10), 2, new BigDecimal("5.5")),
                new Trend.DayChange(TODAY.minusDays(2), 1, new BigDecimal("-1.5"))), TODAY);

        assertThat(trend.from()).isEqualTo(TODAY.minusDays(89));
        assertThat(trend.startTotal()).isEqualByComparingTo("10");
        assertThat(trend.points()).extracting(Trend.Point::total)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("15.5"), new BigDecimal("14"));
        assertThat(trend.peak()).isEqualByComparingTo("15.5");
    }

    @Test
    void theLineStepsOnEachDayThatChangedTheTotalAndReachesThePeakAtTheTop() {
        Trend trend = Trend.of(List.of(new Trend.DayChange(TODAY.minusDays(89), 1, BigDecimal.ONE),
                new Trend.DayChange(TODAY, 1, BigDecimal.ONE)), TODAY);

        assertThat(trend.polyline(89, 100)).isEqualTo("0.0,100.0 0.0,100.0 0.0,50.0 89.0,50.0 89.0,0.0 89.0,0.0");
    }

    @Test
    void nothingInTheWindowIsAnEmptyTrend() {
        Trend trend = Trend.of(List.of(new Trend.DayChange(LocalDate.of(2020, 1, 1), 1, BigDecimal.TEN)), TODAY);
        assertThat(trend.isEmpty()).isTrue();
        assertThat(trend.startTotal()).isEqualByComparingTo("10");
    }
}
