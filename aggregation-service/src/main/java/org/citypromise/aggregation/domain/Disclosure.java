package org.citypromise.aggregation.domain;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the public may see of a breakdown. A group of a handful of participants gives them away: the
 * only business pledging in a city, or the three households that pledge solar panels, are easy to find
 * and their pledges are then known. So groups of fewer than {@value #MIN_GROUP_PARTICIPANTS} participants
 * are left out of public breakdowns (the totals still count them). Where exactly one group would be left
 * out, the total less the shown groups would give it away, so the next smallest group is left out too.
 */
public final class Disclosure {

    /** The smallest group shown: five, as statistical offices commonly use for counts of people. */
    public static final int MIN_GROUP_PARTICIPANTS = 5;

    private Disclosure() {
    }

    /** The groups of a breakdown that may be shown publicly, in their order. */
    public static <K> Map<K, CityContribution.Tally> publicGroups(Map<K, CityContribution.Tally> groups) {
        Map<K, CityContribution.Tally> shown = new LinkedHashMap<>(groups);
        List<K> small = groups.entrySet().stream()
                .filter(group -> group.getValue().participantCount() < MIN_GROUP_PARTICIPANTS)
                .map(Map.Entry::getKey).toList();
        small.forEach(shown::remove);
        if (small.size() == 1 && !shown.isEmpty()) {
            shown.entrySet().stream()
                    .min(Comparator.comparingLong((Map.Entry<K, CityContribution.Tally> group) ->
                            group.getValue().participantCount()).thenComparingLong(group -> group.getValue().pledgeCount()))
                    .map(Map.Entry::getKey).ifPresent(shown::remove);
        }
        return shown;
    }
}
