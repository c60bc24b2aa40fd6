package org.citypromise.local;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RestartBackoffTest {

    private final Instant start = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void aPartThatKeepsCrashingWaitsLongerEachTimeUpToThirtySeconds() {
        RestartBackoff backoff = new RestartBackoff();
        long[] pauses = new long[7];
        for (int i = 0; i < pauses.length; i++) {
            pauses[i] = backoff.pauseAfterCrash(start, start.plusSeconds(2)).toSeconds();
        }
        assertThat(pauses).containsExactly(1, 2, 4, 8, 16, 30, 30);
        assertThat(backoff.crashesInARow()).isEqualTo(7);
    }

    @Test
    void aPartThatStayedUpAMinuteStartsANewStreak() {
        RestartBackoff backoff = new RestartBackoff();
        backoff.pauseAfterCrash(start, start.plusSeconds(1));
        backoff.pauseAfterCrash(start, start.plusSeconds(1));
        assertThat(backoff.pauseAfterCrash(start, start.plusSeconds(1))).isEqualTo(Duration.ofSeconds(4));

        assertThat(backoff.pauseAfterCrash(start, start.plus(RestartBackoff.STABLE_AFTER))).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.crashesInARow()).isEqualTo(1);
    }
}
