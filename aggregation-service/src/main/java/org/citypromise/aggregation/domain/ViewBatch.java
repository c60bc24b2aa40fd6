package org.citypromise.aggregation.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A batch of events counted in memory: each city's events in the order given (offset order within each
 * partition) offered to a copy of its view ({@link CityView#take}), against one {@link PledgeLedger}.
 * The result is what the store writes: the views that changed, each with the revision it was read at,
 * and the ledger's pledge versions and participants to record; and each event's outcome.
 */
public final class ViewBatch {

    /** A view as counted, and the revision it had when read (0 if it was new): the store's write guard. */
    public record Changed(CityView view, long readRevision) {
    }

    private final Outcome[] outcomes;
    private final Map<String, Changed> changed = new LinkedHashMap<>();
    private final PledgeLedger ledger;

    private ViewBatch(int size, PledgeLedger ledger) {
        this.outcomes = new Outcome[size];
        this.ledger = ledger;
    }

    /**
     * Counts {@code events} into the views {@code held} (by city id; a city without one starts empty),
     * leaving those untouched.
     */
    public static ViewBatch count(List<? extends ViewEvent> events, Map<String, CityView> held, PledgeLedger ledger,
                                  Instant now) {
        ViewBatch batch = new ViewBatch(events.size(), ledger);
        Map<String, List<Integer>> byCity = new LinkedHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            byCity.computeIfAbsent(events.get(i).cityId(), city -> new ArrayList<>()).add(i);
        }
        byCity.forEach((cityId, indexes) -> {
            CityView read = held.get(cityId);
            CityView view = read == null ? CityView.empty(cityId) : read.copy();
            boolean counted = false;
            for (int index : indexes) {
                Outcome outcome = view.take(events.get(index), ledger);
                counted |= outcome == Outcome.APPLIED;
                batch.outcomes[index] = outcome;
            }
            if (counted) {
                view.revise(now);
                batch.changed.put(cityId, new Changed(view, read == null ? 0 : read.revision()));
            }
        });
        return batch;
    }

    public Outcome outcome(int index) {
        return outcomes[index];
    }

    /** The views that took something, by city id. */
    public Map<String, Changed> changed() {
        return changed;
    }

    public PledgeLedger ledger() {
        return ledger;
    }
}
