package org.citypromise.aggregation.domain;

import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DisclosureTest {

    private static Map<StakeholderType, CityContribution.Tally> groups(long... participants) {
        Map<StakeholderType, CityContribution.Tally> groups = new EnumMap<>(StakeholderType.class);
        for (int i = 0; i < participants.length; i++) {
            groups.put(StakeholderType.values()[i], new CityContribution.Tally(participants[i] * 2, 1000 * participants[i],
                    participants[i]));
        }
        return groups;
    }

    @Test
    void groupsOfFiveOrMoreParticipantsAreShownSmallerOnesAreNot() {
        // INDIVIDUAL 5, HOUSEHOLD 4, BUSINESS 12, SCHOOL 1
        assertThat(Disclosure.publicGroups(groups(5, 4, 12, 1)).keySet())
                .containsExactly(StakeholderType.INDIVIDUAL, StakeholderType.BUSINESS);
    }

    @Test
    void aSingleSmallGroupTakesTheNextSmallestWithItSoThatTheTotalDoesNotGiveItAway() {
        assertThat(Disclosure.publicGroups(groups(7, 2, 30)).keySet()).containsExactly(StakeholderType.BUSINESS);
        assertThat(Disclosure.publicGroups(groups(7, 20, 30)).keySet())
                .containsExactly(StakeholderType.INDIVIDUAL, StakeholderType.HOUSEHOLD, StakeholderType.BUSINESS);
    }

    @Test
    void aBreakdownOfOnlySmallGroupsShowsNothing() {
        assertThat(Disclosure.publicGroups(groups(1))).isEmpty();
        assertThat(Disclosure.publicGroups(groups(4, 3))).isEmpty();
        // participants not counted (views from before they were): not shown until the views are rebuilt
        assertThat(Disclosure.publicGroups(Map.of(GpcSector.I, new CityContribution.Tally(40, 9000)))).isEmpty();
    }
}
