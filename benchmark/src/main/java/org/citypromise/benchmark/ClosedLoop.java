package org.citypromise.benchmark;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A closed loop: {@code workers} threads, each making its next call as soon as the last one was answered, for a
 * warm-up and then a measured window. A call counts if it started in the window and was answered before the
 * window closed (the few straddling an edge are left out): the rate is the calls that succeeded in the window
 * per second of it, the latencies are theirs.
 */
final class ClosedLoop {

    /** One call: null if it succeeded, else a word saying what came back instead (e.g. an HTTP status). */
    @FunctionalInterface
    interface Call {
        String call(int worker) throws Exception;
    }

    /** The latencies of the calls that succeeded in the window, sorted; what the others got, with how many. */
    record Result(long[] nanos, Map<String, Long> others, double seconds) {

        double perSecond() {
            return nanos.length / seconds;
        }

        double percentileMillis(double p) {
            if (nanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100 * nanos.length) - 1;
            return nanos[Math.max(0, Math.min(nanos.length - 1, index))] / 1e6;
        }

        /** Several runs as one: their calls together, over their windows together. */
        static Result pooled(List<Result> runs) {
            long[] all = runs.stream().flatMapToLong(run -> Arrays.stream(run.nanos())).sorted().toArray();
            Map<String, Long> others = new TreeMap<>();
            runs.forEach(run -> run.others().forEach((outcome, count) -> others.merge(outcome, count, Long::sum)));
            return new Result(all, others, runs.stream().mapToDouble(Result::seconds).sum());
        }

        String othersText() {
            return others.isEmpty() ? "none" : others.toString();
        }
    }

    static Result run(int workers, Duration warmUp, Duration measuring, Call call) throws InterruptedException {
        long start = System.nanoTime();
        long windowStart = start + warmUp.toNanos();
        long windowEnd = windowStart + measuring.toNanos();
        long[][] latencies = new long[workers][];
        int[] counts = new int[workers];
        Map<String, LongAdder> others = new ConcurrentHashMap<>();
        Thread[] threads = new Thread[workers];
        for (int w = 0; w < workers; w++) {
            int worker = w;
            threads[w] = new Thread(() -> {
                long[] mine = new long[1 << 14];
                int count = 0;
                while (true) {
                    long sent = System.nanoTime();
                    if (sent >= windowEnd) {
                        break;
                    }
                    String outcome;
                    try {
                        outcome = call.call(worker);
                    } catch (Exception e) {
                        outcome = e.getClass().getSimpleName();
                        pause(); // a refused connection must not spin
                    }
                    long answered = System.nanoTime();
                    if (sent < windowStart || answered > windowEnd) {
                        continue;
                    }
                    if (outcome != null) {
                        others.computeIfAbsent(outcome, any -> new LongAdder()).increment();
                    } else {
                        if (count == mine.length) {
                            mine = Arrays.copyOf(mine, count * 2);
                        }
                        mine[count++] = answered - sent;
                    }
                }
                latencies[worker] = mine;
                counts[worker] = count;
            }, "closed-loop-" + w);
            threads[w].start();
        }
        for (Thread thread : threads) {
            thread.join(); // the calls have timeouts of their own
        }
        long[] all = new long[Arrays.stream(counts).sum()];
        int at = 0;
        for (int w = 0; w < workers; w++) {
            System.arraycopy(latencies[w], 0, all, at, counts[w]);
            at += counts[w];
        }
        Arrays.sort(all);
        Map<String, Long> otherCounts = new TreeMap<>();
        others.forEach((outcome, count) -> otherCounts.put(outcome, count.sum()));
        return new Result(all, otherCounts, measuring.toNanos() / 1e9);
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ClosedLoop() {
    }
}
