package org.citypromise.aggregation.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Tco2eTest {

    @Test
    void tonnesWithUpToSixDecimalsAreWholeGrams() {
        assertThat(Tco2e.toGrams(new BigDecimal("0.000001"))).isEqualTo(1L);
        assertThat(Tco2e.toGrams(new BigDecimal("0.358156"))).isEqualTo(358_156L);
        assertThat(Tco2e.toGrams(new BigDecimal("7.967343"))).isEqualTo(7_967_343L);
        assertThat(Tco2e.toGrams(new BigDecimal("12"))).isEqualTo(12_000_000L);
        assertThat(Tco2e.toGrams(new BigDecimal("1.50000000"))).isEqualTo(1_500_000L);
        assertThat(Tco2e.toGrams(BigDecimal.ZERO)).isZero();
    }

    @Test
    void gramsReadBackAsTonnesWithSixDecimals() {
        assertThat(Tco2e.fromGrams(358_156L)).isEqualByComparingTo("0.358156").hasToString("0.358156");
        assertThat(Tco2e.fromGrams(358_156L + 7_967_343L)).hasToString("8.325499");
        assertThat(Tco2e.fromGrams(12_000_000L)).hasToString("12.000000");
        assertThat(Tco2e.fromGrams(0)).hasToString("0.000000");
    }

    @Test
    void gramSumsAreExactWhereDoubleSumsDrift() {
        long grams = 0;
        double tonnes = 0;
        for (int pledge = 0; pledge < 10; pledge++) {
            grams += Tco2e.toGrams(new BigDecimal("0.1"));
            tonnes += 0.1;
        }
        assertThat(Tco2e.fromGrams(grams)).hasToString("1.000000");
        assertThat(tonnes).isNotEqualTo(1.0);
    }

    @Test
    void anythingFinerThanAGramOrTooLargeIsRefusedNotRounded() {
        assertThatThrownBy(() -> Tco2e.toGrams(new BigDecimal("0.0000001"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tco2e.toGrams(new BigDecimal("1E+20"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tco2e.toGrams(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
