package org.citypromise.web.application;

import org.citypromise.web.domain.LiveNumbers;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The latest numbers of each city as snapshots arrive, handed to whoever listens (the open pages' streams).
 * A snapshot older than one already passed on is dropped: a page never goes back to a smaller total.
 */
public class CityUpdates {

    private final Map<String, LiveNumbers> latest = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<Consumer<LiveNumbers>> listeners = new CopyOnWriteArrayList<>();

    public void listen(Consumer<LiveNumbers> listener) {
        listeners.add(listener);
    }

    /** Takes a snapshot; returns whether it was newer than the last one of its city, and so passed on. */
    public boolean arrived(LiveNumbers numbers) {
        boolean[] newer = {false};
        latest.compute(numbers.cityId(), (city, known) -> {
            newer[0] = numbers.newerThan(known);
            return newer[0] ? numbers : known;
        });
        if (newer[0]) {
            listeners.forEach(listener -> listener.accept(numbers));
        }
        return newer[0];
    }
}
