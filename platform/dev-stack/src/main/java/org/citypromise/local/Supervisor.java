package org.citypromise.local;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Restarts a part of the local stack that died, as a process manager would (systemd's Restart=always, with
 * {@link RestartBackoff}'s pauses): the store, the broker or a service that crashes comes back by itself while
 * the others keep running and catch up, and every crash and restart is printed. Closing it (on Ctrl-C) cancels
 * the restarts still waiting, so a stop is never raced by a restart.
 */
final class Supervisor implements AutoCloseable {

    /** Starts a crashed child again; the stack's own launch, which refuses once the stack is stopping. */
    @FunctionalInterface
    interface Relaunch {
        void relaunch(ChildProcess child) throws IOException;
    }

    private final Relaunch relaunch;
    private final Map<String, RestartBackoff> backoffs = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "stack-supervisor");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean closed;

    Supervisor(Relaunch relaunch) {
        this.relaunch = relaunch;
    }

    /** From now on an unexpected exit of {@code child} is followed by a restart. */
    void watch(ChildProcess child) {
        child.whenCrashed(this::crashed);
    }

    private void crashed(ChildProcess child, Instant startedAt, Instant crashedAt) {
        if (closed) {
            return;
        }
        RestartBackoff backoff = backoffs.computeIfAbsent(child.name(), name -> new RestartBackoff());
        Duration pause = backoff.pauseAfterCrash(startedAt, crashedAt);
        System.out.printf("[stack] restarting %s in %d s (crash %d in a row)%n", child.name(), pause.toSeconds(),
                backoff.crashesInARow());
        timer.schedule(() -> restart(child), pause.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void restart(ChildProcess child) {
        if (closed) {
            return;
        }
        try {
            relaunch.relaunch(child);
            System.out.printf("[stack] restarted %s (pid %d)%n", child.name(), child.pid());
        } catch (IOException | RuntimeException e) {
            if (closed) {
                return;
            }
            System.out.printf("[stack] could not restart %s: %s%n", child.name(), e.getMessage());
            Instant now = Instant.now();
            crashed(child, now, now);
        }
    }

    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
    }
}
