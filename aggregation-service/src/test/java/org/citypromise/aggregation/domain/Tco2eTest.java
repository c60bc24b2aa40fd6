package org.citypromise.aggregation.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Tco2eTest {

    @Test
    void tonnesWithUpToSixDecimalsAreWholeGrams() {
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
    }

    @Test
    void anythingFinerThanAGramOrTooLargeIsRefusedNotRounded() {
        assertThatThrownBy(() -> Tco2e.toGrams(new BigDecimal("0.0000001"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tco2e.toGrams(new BigDecimal("1E+20"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tco2e.toGrams(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSectorOfAGpcReferenceIsItsLeadingNumeral() {
        assertThat(GpcSector.of("I.1.1")).isEqualTo(GpcSector.I);
        assertThat(GpcSector.of("II.4.3")).isEqualTo(GpcSector.II);
        assertThat(GpcSector.of("III.2")).isEqualTo(GpcSector.III);
        assertThat(GpcSector.of("VI.1")).isEqualTo(GpcSector.VI);
        assertThatThrownBy(() -> GpcSector.of("VII.1.1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GpcSector.of("I")).isInstanceOf(IllegalArgumentException.class);
    }
}
