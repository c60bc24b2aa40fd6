package org.citypromise.aggregation.application;

import org.citypromise.aggregation.domain.DeadLetter;
import org.citypromise.aggregation.messaging.DeadLetters;
import org.citypromise.aggregation.store.ViewGenerations;

import java.util.List;

/** What operators do to the views: look at and re-drive dead letters, rebuild the views from history. */
public class ViewOperations {

    /** Which generation serves, which is being built and how far it has to go, which served before. */
    public record Rebuild(int serving, Integer building, Integer previous, Long buildingLag) {
    }

    private final DeadLetters deadLetters;
    private final ViewGenerations generations;
    private final ViewConsumers consumers;

    public ViewOperations(DeadLetters deadLetters, ViewGenerations generations, ViewConsumers consumers) {
        this.deadLetters = deadLetters;
        this.generations = generations;
        this.consumers = consumers;
    }

    /** Up to {@code limit} dead letters from {@code from}, oldest first. */
    public List<DeadLetter> deadLetters(long from, int limit) {
        return deadLetters.list(from, limit);
    }

    public long deadLetterCount() {
        return deadLetters.count();
    }

    /** Takes every dead letter that can be read now into the views; safe to repeat. */
    public DeadLetter.Redrive redrive() {
        return deadLetters.redrive();
    }

    public Rebuild rebuild() {
        ViewGenerations.State state = generations.state();
        return new Rebuild(state.serving(), state.building(), state.previous(),
                state.building() == null ? null : consumers.lag(state.building()));
    }

    /** Starts building the next generation (unless one is being built); it serves once caught up. */
    public Rebuild startRebuild() {
        generations.startRebuild();
        return rebuild();
    }
}
