package org.citypromise.web.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BarChartTest {

    @Test
    void barsAreScaledToTheLargestAndNegativeOrMissingValuesDrawNothing() {
        BarChart chart = BarChart.of(List.of(new BarChart.Entry("I", new BigDecimal("30000000")),
                new BarChart.Entry("II", new BigDecimal("12000000")), new BarChart.Entry("V", new BigDecimal("-5")),
                new BarChart.Entry("IV", null)), 300);

        assertThat(chart.bars()).extracting(BarChart.Bar::length).containsExactly(300.0, 120.0, 0.0, 0.0);
        assertThat(chart.bars().get(1).lengthText()).isEqualTo("120.0");
        assertThat(chart.height()).isEqualTo(4 * BarChart.ROW);
    }

    @Test
    void theProgressBarHoldsCoverageBetweenZeroAndAHundred() {
        assertThat(GapCoverage.barValue(new BigDecimal("250"))).isEqualByComparingTo("100");
        assertThat(GapCoverage.barValue(new BigDecimal("-3"))).isEqualByComparingTo("0");
        assertThat(GapCoverage.barValue(null)).isEqualByComparingTo("0");
        assertThat(GapCoverage.barValue(new BigDecimal("0.0757"))).isEqualByComparingTo("0.0757");
    }
}
