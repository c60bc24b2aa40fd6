package org.citypromise.aggregation.domain;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContributionChangeTest {

    private static final String PLEDGE = "7a0f4c1e-2b5d-4f6a-9c3e-1d8b7e6a5f40";

    private static PledgeContribution pledge(long version, String cityId, StakeholderType type, String gpcRef, long grams) {
        return new PledgeContribution(PLEDGE, version, cityId, type, "COOKING_LPG_REDUCTION", gpcRef, 1, grams,
                PledgeStatus.ACTIVE, 0, PledgeArea.ENERGY, null);
    }

    private static CityContribution.Tally tally(long count, long grams) {
        return new CityContribution.Tally(count, grams);
    }

    @Test
    void aNewPledgeAddsOnePledgeAndItsGramsToItsTypeAndSector() {
        var change = ContributionChange.of(Optional.empty(),
                pledge(1, "pasig-city", StakeholderType.HOUSEHOLD, "I.1.1", 358_156));

        assertThat(change.cityId()).isEqualTo("pasig-city");
        assertThat(change.total()).isEqualTo(tally(1, 358_156));
        assertThat(change.byStakeholderType()).isEqualTo(Map.of(StakeholderType.HOUSEHOLD, tally(1, 358_156)));
        assertThat(change.bySector()).isEqualTo(Map.of(GpcSector.I, tally(1, 358_156)));
    }

    @Test
    void aNewerVersionReplacesTheCountedOneSoThePledgeIsStillOnePledge() {
        var counted = pledge(1, "hanoi", StakeholderType.HOUSEHOLD, "I.1.1", 1_000_000);
        var next = pledge(2, "hanoi", StakeholderType.HOUSEHOLD, "I.1.2", 1_250_000);

        var change = ContributionChange.of(Optional.of(counted), next);

        assertThat(change.total()).isEqualTo(tally(0, 250_000));
        assertThat(change.byStakeholderType()).isEqualTo(Map.of(StakeholderType.HOUSEHOLD, tally(0, 250_000)));
        assertThat(change.bySector()).isEqualTo(Map.of(GpcSector.I, tally(0, 250_000)));
    }

    @Test
    void aNewerVersionInOtherBucketsMovesThePledgeBetweenThem() {
        var counted = pledge(1, "hanoi", StakeholderType.HOUSEHOLD, "I.1.1", 1_000_000);
        var next = pledge(3, "hanoi", StakeholderType.BUSINESS, "II.1.1", 400_000);

        var change = ContributionChange.of(Optional.of(counted), next);

        assertThat(change.total()).isEqualTo(tally(0, -600_000));
        assertThat(change.byStakeholderType()).isEqualTo(Map.of(
                StakeholderType.HOUSEHOLD, tally(-1, -1_000_000), StakeholderType.BUSINESS, tally(1, 400_000)));
        assertThat(change.bySector()).isEqualTo(Map.of(GpcSector.I, tally(-1, -1_000_000), GpcSector.II, tally(1, 400_000)));
    }

    @Test
    void anUnchangedNewerVersionChangesNoCounter() {
        var counted = pledge(1, "hanoi", StakeholderType.SCHOOL, "III.2", 5);
        var change = ContributionChange.of(Optional.of(counted), pledge(2, "hanoi", StakeholderType.SCHOOL, "III.2", 5));

        assertThat(change.total()).isEqualTo(tally(0, 0));
        assertThat(change.byStakeholderType()).isEmpty();
        assertThat(change.bySector()).isEmpty();
    }

    @Test
    void anOlderOrEqualVersionOrAMoveToAnotherCityIsNotAChange() {
        var counted = pledge(2, "hanoi", StakeholderType.SCHOOL, "III.2", 5);
        assertThatThrownBy(() -> ContributionChange.of(Optional.of(counted), pledge(2, "hanoi", StakeholderType.SCHOOL, "III.2", 5)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ContributionChange.of(Optional.of(counted), pledge(1, "hanoi", StakeholderType.SCHOOL, "III.2", 5)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ContributionChange.of(Optional.of(counted), pledge(3, "jakarta", StakeholderType.SCHOOL, "III.2", 5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot move");
    }

    @Test
    void aPledgeThatCannotBeCountedIsRefusedWhereItIsMade() {
        assertThatThrownBy(() -> pledge(0, "hanoi", StakeholderType.SCHOOL, "III.2", 5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pledge(1, "hanoi", StakeholderType.SCHOOL, "III.2", -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pledge(1, "hanoi", StakeholderType.SCHOOL, "VII.2", 5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pledge(1, "hanoi", null, "III.2", 5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PledgeContribution(PLEDGE, 1, "hanoi", StakeholderType.SCHOOL, "X", "III.2", 4, 5,
                PledgeStatus.ACTIVE, 0, PledgeArea.ENERGY, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(pledge(1, "hanoi", StakeholderType.SCHOOL, "III.2", 0).sector()).isEqualTo(GpcSector.III);
    }

    @Test
    void aWithdrawnPledgeStaysCountedButNoLongerPledgedAndProgressCountsAsAchieved() {
        PledgeContribution active = pledge(1, "hanoi", StakeholderType.SCHOOL, "III.2", 1_000);
        PledgeContribution progressed = new PledgeContribution(PLEDGE, 2, "hanoi", StakeholderType.SCHOOL,
                "COOKING_LPG_REDUCTION", "III.2", 1, 1_000, PledgeStatus.ACTIVE, 400, PledgeArea.ENERGY, null);
        PledgeContribution withdrawn = new PledgeContribution(PLEDGE, 3, "hanoi", StakeholderType.SCHOOL,
                "COOKING_LPG_REDUCTION", "III.2", 1, 1_000, PledgeStatus.WITHDRAWN, 400, PledgeArea.ENERGY, null);

        var progress = ContributionChange.of(Optional.of(active), progressed);
        assertThat(progress.total()).isEqualTo(tally(0, 0));
        assertThat(progress.achievedGrams()).isEqualTo(400);
        assertThat(progress.byStatus()).isEmpty();

        var withdrawal = ContributionChange.of(Optional.of(progressed), withdrawn);
        // still one pledge, no longer pledged: its 1,000 g come off, the 400 g achieved stay
        assertThat(withdrawal.total()).isEqualTo(tally(0, -1_000));
        assertThat(withdrawal.achievedGrams()).isZero();
        assertThat(withdrawal.byStatus()).isEqualTo(Map.of(PledgeStatus.ACTIVE, tally(-1, -1_000),
                PledgeStatus.WITHDRAWN, tally(1, 1_000)));
        assertThat(withdrawal.byStakeholderType()).isEqualTo(Map.of(StakeholderType.SCHOOL, tally(0, -1_000)));
    }
}
