package org.citypromise.aggregation.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** How a city's view takes its events, in memory alone. */
class CityViewTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 24);
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    private static PledgeContribution pledge(String id, long version, String cityId, PledgeStatus status, long grams) {
        return new PledgeContribution(id, version, cityId, StakeholderType.HOUSEHOLD, "COOKING_LPG_REDUCTION", "I.1.1",
                1, grams, status, 0, PledgeArea.ENERGY, null);
    }

    private static ViewEvent.Pledge at(long offset, PledgeContribution pledge, String participant) {
        return new ViewEvent.Pledge(pledge, participant, DAY, new Position("pledge-events", 0, offset));
    }

    private static PledgeLedger emptyLedger() {
        return new PledgeLedger(Map.of(), Set.of());
    }

    @Test
    void aNewPledgeAddsItselfAndANewerVersionReplacesIt() {
        CityView view = CityView.empty("pasig-city");
        PledgeLedger ledger = emptyLedger();

        assertThat(view.take(at(1, pledge("p1", 1, "pasig-city", PledgeStatus.ACTIVE, 1_000), null), ledger))
                .isEqualTo(Outcome.APPLIED);
        assertThat(view.take(at(2, pledge("p1", 2, "pasig-city", PledgeStatus.WITHDRAWN, 1_000), null), ledger))
                .isEqualTo(Outcome.APPLIED);
        assertThat(view.take(at(3, pledge("p1", 1, "pasig-city", PledgeStatus.ACTIVE, 1_000), null), ledger))
                .as("an older version, published again").isEqualTo(Outcome.STALE);

        CityContribution read = view.contribution();
        assertThat(read.pledgeCount()).isEqualTo(1);
        assertThat(read.pledgedGramsPerYear()).as("a withdrawn pledge no longer stands").isZero();
        assertThat(read.byStatus().get(PledgeStatus.WITHDRAWN).pledgeCount()).isEqualTo(1);
        assertThat(read.byStatus().get(PledgeStatus.ACTIVE).pledgeCount()).isZero();
        assertThat(ledger.pledgesToRecord("pasig-city")).containsKey("p1");
    }

    @Test
    void aRecordAtOrBelowTheViewsPositionIsInTheViewAlready() {
        CityView view = CityView.empty("pasig-city");
        var first = at(7, pledge("p1", 1, "pasig-city", PledgeStatus.ACTIVE, 1_000), "anon-1");
        view.take(first, emptyLedger());

        // the record comes again (a crash before the offsets were committed), the ledger as stored then
        assertThat(view.take(first, emptyLedger())).isEqualTo(Outcome.ALREADY_APPLIED);
        assertThat(view.contribution().pledgeCount()).isEqualTo(1);
        assertThat(view.contribution().participantCount()).isEqualTo(1);
    }

    @Test
    void aPledgeMovingToAnotherCityIsRefused() {
        PledgeLedger ledger = new PledgeLedger(Map.of("p1", pledge("p1", 1, "cebu", PledgeStatus.ACTIVE, 1_000)), Set.of());
        CityView view = CityView.empty("pasig-city");

        assertThat(view.take(at(1, pledge("p1", 2, "pasig-city", PledgeStatus.ACTIVE, 1_000), null), ledger))
                .isEqualTo(Outcome.REFUSED);
        assertThat(view.hasTaken(new Position("pledge-events", 0, 1))).isFalse();
    }

    @Test
    void eachParticipantCountsOnceInTheCityAndInEachGroup() {
        CityView view = CityView.empty("pasig-city");
        PledgeLedger ledger = emptyLedger();
        view.take(at(1, pledge("p1", 1, "pasig-city", PledgeStatus.ACTIVE, 1_000), "anon-1"), ledger);
        view.take(at(2, pledge("p2", 1, "pasig-city", PledgeStatus.ACTIVE, 2_000), "anon-1"), ledger);
        view.take(at(3, pledge("p3", 1, "pasig-city", PledgeStatus.ACTIVE, 4_000), "anon-2"), ledger);

        assertThat(view.participantCount()).isEqualTo(2);
        assertThat(view.byStakeholderType().get(StakeholderType.HOUSEHOLD).participantCount()).isEqualTo(2);
        assertThat(view.byArea().get(PledgeArea.ENERGY).participantCount()).isEqualTo(2);
        assertThat(ledger.participantsToRecord("pasig-city")).contains("pasig-city|anon-1",
                "pasig-city|anon-1|bySector.I", "pasig-city|anon-2|byStakeholderType.HOUSEHOLD");
    }

    @Test
    void theLatestInventoryIsALaterYearOrANewerVersionOfTheYearHeld() {
        CityView view = CityView.empty("seoul");
        var totals = new LatestInventory.Totals(1, 2, 3);
        var y2022 = new LatestInventory(2022, totals, Map.of(GpcSector.I, totals));
        var y2021 = new LatestInventory(2021, totals, Map.of(GpcSector.I, totals));
        var position = new Position("inventory-events", 0, 0);

        assertThat(view.take(new ViewEvent.Inventory("seoul", 1, y2022, position), emptyLedger())).isEqualTo(Outcome.APPLIED);
        assertThat(view.take(new ViewEvent.Inventory("seoul", 5, y2021, new Position("inventory-events", 0, 1)),
                emptyLedger())).isEqualTo(Outcome.STALE);
        assertThat(view.take(new ViewEvent.Inventory("seoul", 2, y2022, new Position("inventory-events", 0, 2)),
                emptyLedger())).isEqualTo(Outcome.APPLIED);
        assertThat(view.inventory().version()).isEqualTo(2);
    }

    @Test
    void aBatchCountsCopiesOfTheViewsReadAndRevisesOnlyThoseThatChanged() {
        CityView held = CityView.empty("seoul");
        var registration = new ViewEvent.City("seoul", "Seoul", "KR", 9_386_034, 1, new Position("inventory-events", 0, 4));
        held.take(registration, emptyLedger());

        ViewBatch batch = ViewBatch.count(List.of(registration,
                        at(1, pledge("p1", 1, "busan", PledgeStatus.ACTIVE, 1_000), null)),
                Map.of("seoul", held), emptyLedger(), NOW);

        assertThat(batch.outcome(0)).isEqualTo(Outcome.ALREADY_APPLIED);
        assertThat(batch.outcome(1)).isEqualTo(Outcome.APPLIED);
        assertThat(batch.changed()).containsOnlyKeys("busan");
        assertThat(batch.changed().get("busan").view().revision()).isEqualTo(1);
        assertThat(batch.changed().get("busan").view().updatedAt()).isEqualTo(NOW);
        assertThat(held.revision()).as("the view as read is untouched").isZero();
    }
}
