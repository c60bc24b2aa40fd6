package org.citypromise.aggregation;

import org.citypromise.aggregation.domain.CityContribution;
import org.citypromise.aggregation.domain.CityTarget;
import org.citypromise.aggregation.domain.GpcSector;
import org.citypromise.aggregation.domain.LatestInventory;
import org.citypromise.aggregation.domain.PledgeArea;
import org.citypromise.aggregation.domain.PledgeStatus;
import org.citypromise.aggregation.domain.Restatement;
import org.citypromise.aggregation.domain.StakeholderType;
import org.citypromise.aggregation.messaging.CityContributionUpdated;
import org.citypromise.aggregation.web.Contributions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The snapshot event's {@code contribution} and the API's answer are separate types, which today read
 * alike, field for field: what subscribers got before the event had a type of its own.
 */
class SnapshotBodyTest {

    @Test
    void theSnapshotsContributionReadsLikeTheApisAnswer() {
        Map<PledgeStatus, CityContribution.Tally> statuses = new EnumMap<>(PledgeStatus.class);
        for (PledgeStatus status : PledgeStatus.values()) {
            statuses.put(status, new CityContribution.Tally(status == PledgeStatus.ACTIVE ? 6 : 0,
                    status == PledgeStatus.ACTIVE ? 12_984_630 : 0));
        }
        var group = new CityContribution.Tally(6, 12_984_630, 6);
        var totals = new LatestInventory.Totals(36_000_000_000_000L, 38_000_000_000_000L, 40_000_000_000_000L);
        var daily = new TreeMap<LocalDate, CityContribution.Tally>(Map.of(LocalDate.of(2026, 11, 24),
                new CityContribution.Tally(6, 12_984_630)));
        CityContribution view = new CityContribution("seoul", "Seoul", "KR", 9_386_034L, 6, 6, 12_984_630, 0, statuses,
                Map.of(StakeholderType.HOUSEHOLD, group), Map.of(GpcSector.I, group), Map.of(PledgeArea.ENERGY, group),
                Map.of("LPG", new Restatement.FactorTally("kg", 1_000, 2_984_630)), Map.of(),
                Map.of("LPG", new Restatement.CityFactor(new BigDecimal("1.5"), "kg")), daily,
                new LatestInventory(2022, totals, Map.of(GpcSector.I, totals)),
                new CityTarget("BASE_YEAR", 2005, 2030, Set.of(GpcSector.I), CityTarget.Boundary.BASIC, 24_000_000_000_000L),
                Instant.parse("2026-11-24T10:31:00.102Z"));
        JsonMapper json = JsonMapper.builder().build();

        var snapshot = json.readTree(json.writeValueAsString(CityContributionUpdated.of(1_000_000_000_017L, view)));
        var answer = json.readTree(json.writeValueAsString(Contributions.of(view)));

        assertThat(snapshot.get("version").asLong()).isEqualTo(1_000_000_000_017L);
        assertThat(snapshot.get("contribution")).isEqualTo(answer);
        assertThat(snapshot.get("contribution").get("byStakeholderType").get("HOUSEHOLD").get("participantCount").asLong())
                .isEqualTo(6);
    }
}
