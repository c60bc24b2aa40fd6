package org.citypromise.benchmark;

import org.citypromise.local.LocalStack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;

/**
 * A soak: the whole local stack under a steady load for a long while (30 minutes by default), to find what
 * a short benchmark cannot see grow: heap, threads, open files, consumer lag, latency, the store per pledge.
 * One table row a minute, then a verdict per measure ({@link Verdict}) and one line for all. Not a test and
 * not in CI: {@code benchmark/soak} runs it. Exit code 0: nothing grew; 1: something grew or the soak
 * failed; 2: it could not start (bad options, ports taken, jars missing).
 */
public final class Soak {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration VIEWS_CATCH_UP = Duration.ofMinutes(2);
    private static final long MB = 1024 * 1024;
    private static final int MINUTES_FOR_A_VERDICT = 9;

    /** What was read at the end of one minute. */
    record Sample(int minute, SoakLoad.Minute load, List<ServiceGauges.Gauge> services, long storeBytes,
                  long acknowledgedTotal, long pledgesInViews, long kafkaLag) {

        /** Acknowledged but not yet in the views; -1 if the views did not answer. */
        long viewLag() {
            return pledgesInViews < 0 ? -1 : Math.max(0, acknowledgedTotal - pledgesInViews);
        }

        /**
         * Per pledge stored: the views may count more than were acknowledged (pledges pledge-service took after
         * the client had given up waiting for its answer), and those take room too.
         */
        long bytesPerPledge() {
            return storeBytes < 0 || pledgesStored() <= 0 ? -1 : storeBytes / pledgesStored();
        }

        long pledgesStored() {
            return Math.max(acknowledgedTotal, pledgesInViews);
        }
    }

    private final SoakOptions options;
    private final Path repository;
    private final Path ownRoot;
    private final List<Sample> samples = new ArrayList<>();
    private SoakStack stack;
    private SoakLoad load;
    private boolean stopped;

    private Soak(SoakOptions options, Path repository, Path ownRoot) {
        this.options = options;
        this.repository = repository;
        this.ownRoot = ownRoot;
    }

    public static void main(String[] args) throws Exception {
        SoakOptions options;
        try {
            options = SoakOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + SoakOptions.USAGE);
            System.exit(2);
            return;
        }
        // target/benchmark.jar: the repository root is two levels above target/
        Path target = Path.of(Soak.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toAbsolutePath().getParent();
        Soak soak = new Soak(options, target.getParent().getParent(), target.resolve("soak-root"));
        Runtime.getRuntime().addShutdownHook(new Thread(soak::stopAll, "soak-shutdown")); // Ctrl-C
        int status;
        try {
            status = soak.run();
        } catch (IllegalStateException refused) {
            boolean started = soak.stack != null; // before: ports taken or jars missing
            System.out.println("[soak] " + (started ? "FAILED: " : "REFUSED: ") + refused.getMessage());
            status = started ? 1 : 2;
        } catch (Exception | Error e) {
            System.out.println("[soak] FAILED: " + e);
            e.printStackTrace(System.out);
            status = 1;
        } finally {
            soak.stopAll();
        }
        System.exit(status);
    }

    private int run() throws Exception {
        System.out.printf("[soak] %d min at %,d pledges/s and %,d view reads/s over %d cities; machine: %s%n",
                options.minutes(), options.rate(), options.readRate(), options.cities(), Machine.describe());
        System.out.printf("[soak] starting the local stack with data and logs of its own in %s%n",
                repository.relativize(ownRoot.resolve(".local")));
        SoakStack launched = SoakStack.launch(repository, ownRoot);
        synchronized (this) {
            stack = launched;
            if (stopped) { // Ctrl-C while it was launched: the launcher, in a session of its own, did not see it
                launched.close();
                return 1;
            }
        }
        launched.awaitServicesUp();
        System.out.println("[soak] all services UP; pledge-service's write rate limits are raised for this stack only"
                + " (the load comes from one address and 200 residents)");
        SoakLoad traffic = new SoakLoad("http://" + SoakStack.HOST + ":9000/token", url("inventory-service"),
                url("pledge-service"), url("aggregation-service"), options.cities());
        synchronized (this) {
            load = traffic;
        }
        traffic.prepare();
        awaitViewsCaughtUp(traffic);
        System.out.printf("[soak] %d cities registered, each with its first pledge in the views%n", options.cities());

        try (ServiceGauges gauges = new ServiceGauges(traffic.token("role=monitoring"), SoakStack.HOST + ":9092",
                LocalStack.SERVICES.stream().map(SoakStack::url).toList())) {
            printHeader();
            long start = System.nanoTime();
            traffic.start(options.rate(), options.readRate());
            for (int minute = 1; minute <= options.minutes(); minute++) {
                sleepUntil(start + minute * MINUTE.toNanos());
                SoakLoad.Minute seen = traffic.rollMinute();
                List<ServiceGauges.Gauge> services = LocalStack.SERVICES.stream()
                        .map(service -> gauges.of(SoakStack.url(service), stack.pid(service))).toList();
                long acknowledged = traffic.acknowledgedTotal();
                long inViews = traffic.pledgesInViews();
                Sample sample = new Sample(minute, seen, services, stack.storeBytes(), acknowledged, inViews,
                        gauges.kafkaLag());
                samples.add(sample);
                printRow(sample);
            }
        }
        traffic.close();
        long acknowledged = traffic.acknowledgedTotal();
        long counted = awaitViewsSettled(traffic);
        boolean viewsComplete = counted >= acknowledged;
        System.out.printf("[soak] load stopped: %,d pledges acknowledged in all; the views count %,d%s%n", acknowledged,
                counted, !viewsComplete ? " after " + VIEWS_CATCH_UP.toSeconds() + " s: MISSING " + (acknowledged - counted)
                        : counted == acknowledged ? " (every one)" : " (every one, and " + (counted - acknowledged)
                        + " taken after their client had given up waiting for the answer)");
        return verdict(viewsComplete) ? 0 : 1;
    }

    private static String url(String serviceName) {
        return SoakStack.url(LocalStack.SERVICES.stream().filter(service -> service.name().equals(serviceName))
                .findFirst().orElseThrow());
    }

    /**
     * After the load: until the views count every pledge acknowledged and have not changed for 10 s (a
     * pledge whose answer timed out may still be on its way), or {@link #VIEWS_CATCH_UP}; what they count.
     */
    private static long awaitViewsSettled(SoakLoad traffic) throws InterruptedException {
        long deadline = System.nanoTime() + VIEWS_CATCH_UP.toNanos();
        long counted = traffic.pledgesInViews();
        long unchangedSince = System.nanoTime();
        while (System.nanoTime() < deadline
                && (counted < traffic.acknowledgedTotal() || System.nanoTime() - unchangedSince < 10_000_000_000L)) {
            Thread.sleep(500);
            long now = traffic.pledgesInViews();
            if (now != counted) {
                counted = now;
                unchangedSince = System.nanoTime();
            }
        }
        return counted;
    }

    /** Until the views count every pledge acknowledged so far, or {@link #VIEWS_CATCH_UP}; what they count. */
    private static long awaitViewsCaughtUp(SoakLoad traffic) throws InterruptedException {
        long deadline = System.nanoTime() + VIEWS_CATCH_UP.toNanos();
        long counted = traffic.pledgesInViews();
        while (counted < traffic.acknowledgedTotal() && System.nanoTime() < deadline) {
            Thread.sleep(500);
            counted = traffic.pledgesInViews();
        }
        return counted;
    }

    private static final String COLUMNS = " min |  sent    ack  fail unsent | POST p50   p99 | GET p50   p99 fail |"
            + "   heap MB inv/pled/aggr |  threads  |    files    | store MB  B/pledge | lag: kafka  views";

    private void printHeader() {
        System.out.println();
        System.out.println("[soak] a row a minute. sent/ack/fail: pledges sent, acknowledged (201), failed (after up to "
                + "3 attempts) in that minute;\n  unsent: pledges and reads due while all in-flight slots were busy"
                + " (open loop: not queued, not sent); POST, GET: latency in ms of pledge submissions and view reads\n"
                + "  (10000 = timed out); heap MB: in use just after a full GC the soak asks for (jcmd GC.run), or with ~"
                + " after the last major GC\n  (jvm.gc.live.data.size), with * the lowest heap in use of the minute;\n  threads: jvm.threads.live; files: process.files.open;"
                + " each for inventory/pledge/aggregation-service, - = did not answer within 5 s;\n  B/pledge: store"
                + " bytes per pledge (the more of those acknowledged and those in the views);\n  lag: kafka ="
                + " pledge-events end offsets minus the view group's committed offsets, views = pledges acknowledged"
                + "\n  minus the global view's pledgeCount (end to end: it includes pledge-service's outbox)");
        System.out.println(COLUMNS);
    }

    private void printRow(Sample sample) {
        SoakLoad.Minute load = sample.load();
        StringBuilder heap = new StringBuilder();
        StringBuilder threads = new StringBuilder();
        StringBuilder files = new StringBuilder();
        for (ServiceGauges.Gauge gauge : sample.services()) {
            String separator = heap.isEmpty() ? "" : "/";
            heap.append(separator).append(gauge.afterFullGcBytes() >= 0 ? Long.toString(gauge.afterFullGcBytes() / MB)
                    : gauge.liveBytes() > 0 ? gauge.liveBytes() / MB + "~"
                    : gauge.heapUsedBytes() >= 0 ? gauge.heapUsedBytes() / MB + "*" : "-");
            threads.append(separator).append(known(gauge.threads()));
            files.append(separator).append(known(gauge.openFiles()));
        }
        System.out.println(String.format(Locale.ROOT, "%4d | %5d %6d %5d %6d | %8s %5s | %7s %5s %4d | %24s | %9s | %11s |"
                        + " %8s %9s | %10s %6s", sample.minute(), load.sent(), load.acknowledged(), load.failed(),
                load.unsent() + load.readsUnsent(), known(SoakLoad.Minute.percentile(load.pledgeMillis(), 50)),
                known(SoakLoad.Minute.percentile(load.pledgeMillis(), 99)),
                known(SoakLoad.Minute.percentile(load.viewMillis(), 50)),
                known(SoakLoad.Minute.percentile(load.viewMillis(), 99)), load.readsFailed(), heap, threads, files,
                sample.storeBytes() < 0 ? "-" : String.format(Locale.ROOT, "%.1f", sample.storeBytes() / (double) MB),
                known(sample.bytesPerPledge()), known(sample.kafkaLag()), known(sample.viewLag())));
    }

    private static String known(long value) {
        return value < 0 ? "-" : Long.toString(value);
    }

    /** Prints a finding per measure and the verdict line; true if nothing grew and the views are complete. */
    private boolean verdict(boolean viewsComplete) {
        int n = samples.size();
        System.out.println();
        if (n < 3) {
            System.out.println("[soak] VERDICT: none: " + n + " minute(s) are too few to compare (at least 3; 30 to trust it)");
            return viewsComplete;
        }
        System.out.printf("[soak] growth per measure: minutes %d-%d (middle third) against %d-%d (last third); the"
                + " first third is warm-up%s%n", Verdict.middleFrom(n) + 1, Verdict.lastFrom(n), Verdict.lastFrom(n) + 1, n,
                n < MINUTES_FOR_A_VERDICT ? " (only " + (n / 3) + " sample(s) a third: indicative only)" : "");
        Verdict verdict = new Verdict();
        LongFunction<String> mb = bytes -> String.format(Locale.ROOT, "%.1f MB", bytes / (double) MB);
        LongFunction<String> count = Long::toString;
        LongFunction<String> ms = millis -> millis + " ms";
        for (int i = 0; i < LocalStack.SERVICES.size(); i++) {
            int service = i;
            String name = LocalStack.SERVICES.get(i).name();
            // the best figure every compared minute has: a series mixing two kinds would jump between them
            List<Sample> compared = samples.subList(Verdict.middleFrom(n), n);
            boolean fullGc = compared.stream().allMatch(sample -> sample.services().get(service).afterFullGcBytes() >= 0);
            boolean live = compared.stream().allMatch(sample -> sample.services().get(service).liveBytes() > 0);
            ToLongFunction<Sample> heap = sample -> {
                ServiceGauges.Gauge gauge = sample.services().get(service);
                return fullGc ? gauge.afterFullGcBytes() : live ? gauge.liveBytes() : gauge.heapUsedBytes();
            };
            print(verdict, new Verdict.Measure(name + " heap " + (fullGc ? "after full GC" : live ? "after GC" : "in use, low"),
                    series(heap), fullGc || live ? 0.20 : 0.30, 16 * MB, mb));
            print(verdict, new Verdict.Measure(name + " live threads",
                    series(sample -> sample.services().get(service).threads()), 0.10, 3, count));
            print(verdict, new Verdict.Measure(name + " open files",
                    series(sample -> sample.services().get(service).openFiles()), 0.10, 5, count));
        }
        // less than five seconds of pledges behind is not growth, whatever the ratio
        long lagFloor = Math.max(100, 5L * options.rate());
        print(verdict, new Verdict.Measure("consumer lag, Kafka offsets", series(Sample::kafkaLag), 0.5, lagFloor, count));
        print(verdict, new Verdict.Measure("consumer lag, views' pledgeCount", series(Sample::viewLag), 0.5, lagFloor, count));
        print(verdict, new Verdict.Measure("pledge POST p99", series(sample -> SoakLoad.Minute.percentile(
                sample.load().pledgeMillis(), 99)), 0.5, 50, ms));
        print(verdict, new Verdict.Measure("view GET p99", series(sample -> SoakLoad.Minute.percentile(
                sample.load().viewMillis(), 99)), 0.5, 50, ms));
        // the store grows with the data: what must not grow is what each pledge costs it
        print(verdict, new Verdict.Measure("store bytes per pledge", series(Sample::bytesPerPledge), 0.25, 0,
                bytes -> bytes + " B"));
        System.out.printf("  %-38s middle third %s B, last third %s B per pledge added (information)%n",
                "store growth per pledge", marginal(Verdict.middleFrom(n), Verdict.lastFrom(n)), marginal(Verdict.lastFrom(n), n));

        long failed = samples.stream().mapToLong(sample -> sample.load().failed() + sample.load().readsFailed()).sum();
        long unsent = samples.stream().mapToLong(sample -> sample.load().unsent() + sample.load().readsUnsent()).sum();
        List<String> growing = verdict.growing().stream().map(finding -> finding.measure().name()).toList();
        List<String> problems = new ArrayList<>();
        if (!growing.isEmpty()) {
            problems.add("grew without bound: " + String.join(", ", growing));
        }
        if (!viewsComplete) {
            problems.add("the views did not catch up with the acknowledged pledges");
        }
        String traffic = String.format(Locale.ROOT, "%,d requests failed, %,d could not be sent", failed, unsent);
        System.out.println();
        if (n < MINUTES_FOR_A_VERDICT) {
            // one or two samples a third: a noisy minute on a shared machine decides; only the views are checked
            System.out.println("[soak] VERDICT: NONE: " + n + " min are too few (at least " + MINUTES_FOR_A_VERDICT
                    + ", three samples a third; 30 to trust it); indicatively " + (growing.isEmpty() ? "nothing grew"
                    : "grew: " + String.join(", ", growing)) + "; " + (viewsComplete
                    ? "the views count every acknowledged pledge" : "the views did NOT catch up") + "; " + traffic);
            return viewsComplete;
        }
        System.out.println(problems.isEmpty()
                ? "[soak] VERDICT: STABLE: nothing grew without bound over " + n + " min at " + options.rate()
                  + " pledges/s; the views count every acknowledged pledge; " + traffic
                : "[soak] VERDICT: NOT STABLE: " + String.join("; ", problems) + "; " + traffic);
        return problems.isEmpty();
    }

    private static void print(Verdict verdict, Verdict.Measure measure) {
        System.out.println(Verdict.line(verdict.judge(measure)));
    }

    private long[] series(ToLongFunction<Sample> value) {
        return samples.stream().mapToLong(value).toArray();
    }

    /** Store bytes added per pledge stored between the samples before {@code from} and at {@code to - 1}. */
    private String marginal(int from, int to) {
        Sample before = samples.get(Math.max(0, from - 1));
        Sample after = samples.get(to - 1);
        long pledges = after.pledgesStored() - before.pledgesStored();
        if (pledges <= 0 || before.storeBytes() < 0 || after.storeBytes() < 0) {
            return "-";
        }
        return Long.toString((after.storeBytes() - before.storeBytes()) / pledges);
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        for (long wait; (wait = nanoTime - System.nanoTime()) > 0; ) {
            Thread.sleep(TimeUnit.NANOSECONDS.toMillis(wait) + 1);
        }
    }

    /** Once: the load first, then the stack (whose launcher stops the services, the broker, the store in turn). */
    private synchronized void stopAll() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (load != null) {
            try {
                load.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (stack != null) {
            stack.close();
        }
    }
}
