package org.citypromise.aggregation.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The counted position of each pledge of a batch (the version its city's view counts) and the participants
 * known, per city and per group: what a view needs besides itself to count a pledge exactly once and each
 * participant once. As the batch is counted it records, per city, the pledge versions and participants the
 * store is to keep.
 *
 * <p>A participant is known by {@code <city>|<pseudonym>}, and in a group by
 * {@code <city>|<pseudonym>|<group>} with the group named as in the view, e.g. {@code bySector.I}.
 */
public final class PledgeLedger {

    private final Map<String, PledgeContribution> counted;
    private final Set<String> known;
    private final Map<String, Map<String, PledgeContribution>> toRecord = new LinkedHashMap<>();
    private final Map<String, Set<String>> participantsToRecord = new LinkedHashMap<>();

    /**
     * @param counted the versions the store holds of the batch's pledges, by pledge id
     * @param known   the participant keys of the batch the store holds
     */
    public PledgeLedger(Map<String, PledgeContribution> counted, Set<String> known) {
        this.counted = new HashMap<>(counted);
        this.known = new LinkedHashSet<>(known);
    }

    public Optional<PledgeContribution> counted(String pledgeId) {
        return Optional.ofNullable(counted.get(pledgeId));
    }

    /** {@code pledge} is now the counted version of its pledge. */
    void count(PledgeContribution pledge) {
        counted.put(pledge.pledgeId(), pledge);
        toRecord.computeIfAbsent(pledge.cityId(), city -> new LinkedHashMap<>()).put(pledge.pledgeId(), pledge);
    }

    /** Notes a participant (or a participant in a group) of {@code cityId}; true the first time it is seen. */
    boolean firstSeen(String cityId, String participant) {
        participantsToRecord.computeIfAbsent(cityId, city -> new LinkedHashSet<>()).add(participant);
        return known.add(participant);
    }

    /** The pledge versions to record, of one city, by pledge id. */
    public Map<String, PledgeContribution> pledgesToRecord(String cityId) {
        return toRecord.getOrDefault(cityId, Map.of());
    }

    /** The participant keys seen in one city's events, known before or not. */
    public Set<String> participantsToRecord(String cityId) {
        return participantsToRecord.getOrDefault(cityId, Set.of());
    }

    /** The cities the batch recorded pledges or participants of. */
    public Set<String> cities() {
        Set<String> cities = new LinkedHashSet<>(toRecord.keySet());
        cities.addAll(participantsToRecord.keySet());
        return cities;
    }

    public static String participantKey(String cityId, String participantId) {
        return cityId + "|" + participantId;
    }

    static String group(String breakdown, Enum<?> key) {
        return breakdown + "." + key.name();
    }

    /**
     * The keys a pledge's participant is known by: in the city, and in each group it pledged in (its
     * stakeholder type, GPC sector and area, which never change between a pledge's versions); none
     * without a participant.
     */
    public static List<String> participantKeys(ViewEvent.Pledge event) {
        List<String> keys = new ArrayList<>(4);
        if (event.participantId() == null) {
            return keys;
        }
        PledgeContribution pledge = event.pledge();
        String participant = participantKey(pledge.cityId(), event.participantId());
        keys.add(participant);
        keys.add(participant + "|" + group("byStakeholderType", pledge.stakeholderType()));
        keys.add(participant + "|" + group("bySector", pledge.sector()));
        if (pledge.area() != null) {
            keys.add(participant + "|" + group("byArea", pledge.area()));
        }
        return keys;
    }
}
