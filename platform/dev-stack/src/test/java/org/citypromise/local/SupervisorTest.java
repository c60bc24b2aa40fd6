package org.citypromise.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A real child process killed with SIGKILL, as a crash would end it, and the supervisor bringing it back. */
class SupervisorTest {

    @TempDir
    Path logs;

    @Test
    void aKilledChildIsStartedAgainUntilTheSupervisorIsClosed() throws Exception {
        ChildProcess child = new ChildProcess("sleeper", List.of("sleep", "300"), Map.of(), logs.resolve("sleeper.log"));
        Supervisor supervisor = new Supervisor(ChildProcess::start);
        try {
            supervisor.watch(child.start());
            long first = child.pid();

            killNineOf(first);
            long second = awaitRestartOtherThan(first, child);
            assertThat(child.isAlive()).isTrue();

            killNineOf(second);
            long third = awaitRestartOtherThan(second, child);
            assertThat(third).isNotIn(first, second);

            // a third crash in a row waits 4 s; closed before that, the child stays down
            killNineOf(third);
            supervisor.close();
            Thread.sleep(RestartBackoff.FIRST_PAUSE.multipliedBy(6).toMillis());
            assertThat(child.isAlive()).as("restarted after the supervisor was closed").isFalse();
            assertThat(child.pid()).isEqualTo(third);
        } finally {
            supervisor.close();
            child.kill();
        }
    }

    private static void killNineOf(long pid) throws InterruptedException {
        ProcessHandle handle = ProcessHandle.of(pid).orElseThrow();
        handle.destroyForcibly(); // SIGKILL from outside: the child did not expect it
        handle.onExit().join();
    }

    private static long awaitRestartOtherThan(long killed, ChildProcess child) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (child.isAlive() && child.pid() != killed) {
                return child.pid();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the supervisor did not restart the child killed as pid " + killed);
    }
}
