package org.citypromise.pledge.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PledgeLifecycleTest {

    private final ActionCatalog catalog = new ActionCatalog();
    private final Instant now = Instant.parse("2026-11-24T10:00:00Z");

    private Pledge lpg(String quantity, LocalDate targetDate) {
        return new PledgeSubmission("pasig-city", "HOUSEHOLD", "COOKING_LPG_REDUCTION", new BigDecimal(quantity), null,
                targetDate, null).accept(catalog, CityFactors.NONE, UUID.randomUUID(), now);
    }

    @Test
    void progressIsRecordedAsANewVersionAndReachingTheQuantityFulfilsThePledge() {
        Pledge pledge = lpg("120", null);
        Pledge halfway = pledge.reportProgress(new BigDecimal("60.0"), now.plusSeconds(60));
        assertThat(halfway.status()).isEqualTo(PledgeStatus.ACTIVE);
        assertThat(halfway.version()).isEqualTo(2);
        // 60 kg x 2.98463 = 179.0778 kg -> 0.179078 t
        assertThat(halfway.achievedTco2ePerYear()).isEqualByComparingTo("0.179078");
        assertThat(halfway.achievedQuantity()).isEqualByComparingTo("60").hasToString("60");

        Pledge done = halfway.reportProgress(new BigDecimal("125"), now.plusSeconds(120));
        assertThat(done.status()).isEqualTo(PledgeStatus.FULFILLED);
        assertThat(done.version()).isEqualTo(3);
        assertThat(done.estimatedTco2ePerYear()).isEqualByComparingTo(pledge.estimatedTco2ePerYear());
        assertThatThrownBy(() -> done.reportProgress(BigDecimal.ONE, now)).isInstanceOf(PledgeClosed.class);
        assertThatThrownBy(() -> done.withdraw(now)).isInstanceOf(PledgeClosed.class);
    }

    @Test
    void aWithdrawnPledgeIsFinal() {
        Pledge withdrawn = lpg("120", null).withdraw(now);
        assertThat(withdrawn.status()).isEqualTo(PledgeStatus.WITHDRAWN);
        assertThat(withdrawn.version()).isEqualTo(2);
        assertThatThrownBy(() -> withdrawn.reportProgress(BigDecimal.TEN, now)).isInstanceOf(PledgeClosed.class);
    }

    @Test
    void anActivePledgeLapsesOnlyOnceItsTargetDateHasPassed() {
        Pledge pledge = lpg("120", LocalDate.of(2027, 6, 30));
        assertThat(pledge.isDue(LocalDate.of(2027, 6, 30))).isFalse();
        assertThat(pledge.isDue(LocalDate.of(2027, 7, 1))).isTrue();
        assertThat(lpg("120", null).isDue(LocalDate.of(2099, 1, 1))).isFalse();
        assertThat(pledge.lapse(now).status()).isEqualTo(PledgeStatus.LAPSED);
        assertThat(pledge.withdraw(now).isDue(LocalDate.of(2027, 7, 1))).isFalse();
    }

    @Test
    void badProgressAndTargetDatesAreRefusedNamingTheField() {
        Pledge pledge = lpg("120", null);
        for (String achieved : new String[] {"-1", "100000.5", "1.0001"}) {
            assertThatThrownBy(() -> pledge.reportProgress(new BigDecimal(achieved), now))
                    .isInstanceOfSatisfying(PledgeRefused.class, e -> assertThat(e.reasons())
                            .extracting(PledgeRefused.Reason::field).containsExactly("achievedQuantity"));
        }
        for (LocalDate date : new LocalDate[] {LocalDate.of(2026, 11, 24), LocalDate.of(2020, 1, 1), LocalDate.of(2070, 1, 1)}) {
            assertThatThrownBy(() -> lpg("120", date))
                    .isInstanceOfSatisfying(PledgeRefused.class, e -> assertThat(e.reasons())
                            .extracting(PledgeRefused.Reason::field).containsExactly("targetDate"));
        }
    }
}
