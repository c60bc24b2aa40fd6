package org.citypromise.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One part of the system running as its own JVM, its output in a log file of its own. Used by the local
 * stack and by the system tests, which kill and restart services as real processes.
 */
public final class ChildProcess {

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path log;
    private volatile Process process;
    private volatile boolean stopping;
    private volatile CrashListener whenCrashed = (child, startedAt, crashedAt) -> { };
    private volatile CompletableFuture<Void> exitReported = new CompletableFuture<>();

    /** Told of an exit nobody asked for, after its report is printed; the supervisor restarts the child. */
    @FunctionalInterface
    public interface CrashListener {
        void crashed(ChildProcess child, Instant startedAt, Instant crashedAt);
    }

    public ChildProcess(String name, List<String> command, Map<String, String> environment, Path log) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.log = log;
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    public ChildProcess whenCrashed(CrashListener listener) {
        this.whenCrashed = listener;
        return this;
    }

    /** Starts the command; again after a crash, as a new process with the same command and log. */
    public synchronized ChildProcess start() throws IOException {
        Files.createDirectories(log.getParent());
        Instant startedAt = Instant.now();
        ProcessBuilder builder = new ProcessBuilder(inOwnSession(command))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
        exitReported = process.onExit().thenAccept(exited -> {
            if (!stopping) {
                System.out.printf("[stack] %s (pid %d) stopped unexpectedly with exit code %d. Last lines of %s:%n%s%n",
                        name, exited.pid(), exited.exitValue(), log, tail(20));
                whenCrashed.crashed(this, startedAt, Instant.now());
            }
        });
        return this;
    }

    /** Runs a command that is meant to finish, such as formatting storage; fails if it does not succeed. */
    public void runToCompletion(int seconds) throws IOException {
        stopping = true; // its exit is expected
        start();
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(name + " failed. Last lines of " + log + ":\n" + tail(20));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + " interrupted", e);
        }
    }

    /**
     * A child in a session of its own does not receive the terminal's Ctrl-C; only the stack does,
     * and it then stops the children in order (services, broker, store) rather than all at once.
     */
    private static List<String> inOwnSession(List<String> command) {
        if (!Files.isExecutable(SETSID)) {
            return command;
        }
        List<String> wrapped = new ArrayList<>();
        wrapped.add(SETSID.toString());
        wrapped.addAll(command);
        return wrapped;
    }

    private static final Path SETSID = Path.of("/usr/bin/setsid");

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** From now on the child's exit is part of a stop, not news. */
    public void expectExit() {
        stopping = true;
    }

    /**
     * Waits (briefly) until the report of an unexpected exit has been printed, so that a caller's own
     * message about that exit comes after the child's last log lines rather than in the middle of them.
     */
    public void awaitExitReport() {
        try {
            exitReported.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // nothing more to wait for
        }
    }

    /** SIGTERM, so that the child shuts down gracefully; killed if it has not within {@code seconds}. */
    public void stop(int seconds) {
        requestStop();
        awaitStop(seconds);
    }

    /** SIGTERM without waiting, so that several children can shut down at the same time. */
    public void requestStop() {
        stopping = true;
        if (process != null && process.isAlive()) {
            process.destroy();
        }
    }

    /** Waits for a stop asked for by {@link #requestStop()}; kills the child if it takes over {@code seconds}. */
    public void awaitStop(int seconds) {
        if (process == null || !process.isAlive()) {
            return;
        }
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                System.out.printf("[stack] %s did not stop within %d s, killing it%n", name, seconds);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Kills the process at once, as a crash would (SIGKILL): no shutdown hook, no graceful anything. */
    public void kill() {
        stopping = true;
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The last lines of the log, to show why something failed without opening the file. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> last = new ArrayList<>(all.subList(Math.max(0, all.size() - lines), all.size()));
            return "    " + String.join("\n    ", last);
        } catch (IOException e) {
            return "    (no log: " + e.getMessage() + ")";
        }
    }
}
