package org.citypromise.local;

import java.time.Duration;
import java.time.Instant;

/**
 * How long the supervisor waits before restarting a part that crashed, as process managers do: 1 s after a
 * first crash, doubling with each crash in a row up to 30 s, so that a part that cannot start (a broken
 * configuration, a port taken) does not spin the machine; a part that stayed up a minute before it crashed
 * starts a new streak.
 */
final class RestartBackoff {

    static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);
    static final Duration STABLE_AFTER = Duration.ofMinutes(1);

    private int crashesInARow;

    /** The pause before restarting a part that was started at {@code startedAt} and crashed at {@code crashedAt}. */
    synchronized Duration pauseAfterCrash(Instant startedAt, Instant crashedAt) {
        if (Duration.between(startedAt, crashedAt).compareTo(STABLE_AFTER) >= 0) {
            crashesInARow = 0;
        }
        crashesInARow++;
        long factor = 1L << Math.min(crashesInARow - 1, 20);
        Duration pause = FIRST_PAUSE.multipliedBy(factor);
        return pause.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause;
    }

    synchronized int crashesInARow() {
        return crashesInARow;
    }
}
