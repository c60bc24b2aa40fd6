package org.citypromise.aggregation.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GpcSectorTest {

    @Test
    void theSectorOfAGpcReferenceIsItsLeadingNumeral() {
        assertThat(GpcSector.of("I.1.1")).isEqualTo(GpcSector.I);
        assertThat(GpcSector.of("II.4.3")).isEqualTo(GpcSector.II);
        assertThat(GpcSector.of("III.2")).isEqualTo(GpcSector.III);
        assertThat(GpcSector.of("IV.1")).isEqualTo(GpcSector.IV);
        assertThat(GpcSector.of("V.2")).isEqualTo(GpcSector.V);
        assertThat(GpcSector.of("VI.1")).isEqualTo(GpcSector.VI);
    }

    @Test
    void anythingButAGpcReferenceIsRefused() {
        for (String notAReference : new String[] {"VII.1.1", "I", "I.", "i.1.1", "II.x", "I.1.1.1", " I.1", ""}) {
            assertThatThrownBy(() -> GpcSector.of(notAReference)).as(notAReference)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> GpcSector.of(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
