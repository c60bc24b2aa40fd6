package org.citypromise.benchmark;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * One machine, one broker, one store, all started here: a million pledge events (and a thousand city
 * registrations) on the topics, then on the same records (a) a plain consumer, the ceiling; (b)
 * aggregation-service taking them into its views, until complete, then checked city by city; (c) Kafka
 * Streams; (d) end-to-end latency at a steady rate into the running service; (e) the service's peak heap.
 * Not a test: {@code benchmark/run} prints the figures. Exits 1 if the views are not exact.
 */
public final class AggregationBenchmark {

    private static final Duration STARTUP = Duration.ofMinutes(2);
    private static final Duration CATCH_UP = Duration.ofMinutes(30);
    private static final Duration WARM_UP = Duration.ofSeconds(5);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(15);

    private final BenchmarkOptions options;
    private final Path root;
    private final Path logs;
    private final Path work;
    private Backbone backbone;
    private ServiceProcess service;
    private boolean stopped;

    private AggregationBenchmark(BenchmarkOptions options, Path root, Path logs, Path work) {
        this.options = options;
        this.root = root;
        this.logs = logs;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + BenchmarkOptions.USAGE);
            System.exit(2);
            return;
        }
        // target/benchmark.jar: its logs go to target/logs, and the repository root is two levels up.
        Path target = Path.of(AggregationBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toAbsolutePath().getParent();
        Path logs = target.resolve("logs");
        deleteRecursively(logs); // the children append: keep only this run's
        AggregationBenchmark benchmark = new AggregationBenchmark(options, target.getParent().getParent(),
                logs, Files.createTempDirectory("citypromise-bench"));
        Runtime.getRuntime().addShutdownHook(new Thread(benchmark::stopAll, "benchmark-shutdown")); // Ctrl-C
        int status;
        try {
            status = benchmark.run() ? 0 : 1;
        } catch (Exception | Error e) {
            System.out.println("[bench] FAILED: " + e);
            e.printStackTrace(System.out);
            status = 1;
        } finally {
            benchmark.stopAll();
        }
        System.exit(status);
    }

    private boolean run() throws Exception {
        System.out.printf("[bench] %,d cities, %,d pledge events; logs in %s%n", options.cities(), options.pledgeEvents(),
                root.relativize(logs));
        synchronized (this) {
            refuseIfStopped();
            backbone = Backbone.start(work, logs);
        }
        backbone.createTopics();
        System.out.printf("[bench] broker %s (Kafka KRaft, one node), store %s (%s)%n", backbone.bootstrapServers(),
                backbone.storeUri(), MemoryStore.DESCRIPTION);

        PledgeDataSet data = new PledgeDataSet(options.cities());
        double produceSeconds = produce(data);
        Map<Integer, Long> endOffsets = backbone.endOffsets(EventRecords.PLEDGE_TOPIC);
        double produceRate = options.pledgeEvents() / produceSeconds;
        System.out.printf("[bench] produced %,d pledge events (%,d pledges, %.1f%% updates) in %.1f s: %,.0f events/s%n",
                options.pledgeEvents(), data.pledges(), updateShare(data), produceSeconds, produceRate);

        PlainConsumerCeiling.Result ceiling = PlainConsumerCeiling.run(backbone.bootstrapServers(), options.pledgeEvents());
        Exactness ceilingExactness = Exactness.of(data.expected(), ceiling.totals());
        System.out.printf("[bench] (a) plain consumer + JSON parse: %,.0f events/s; its totals %s (%s)%n",
                ceiling.eventsPerSecond(), ceilingExactness.exact() ? "OK" : "MISMATCH", ceilingExactness);

        String database = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        long serviceStarted = System.nanoTime();
        synchronized (this) {
            refuseIfStopped();
            service = ServiceProcess.start(root, ServiceProcess.AGGREGATION, backbone.bootstrapServers(),
                    backbone.storeUri() + "/" + database, Map.of(), logs.resolve("aggregation-service.log"));
        }
        try (MongoClient mongo = MongoClients.create(backbone.storeUri());
             HeapSampler heap = new HeapSampler(service)) {
            CityViews views = new CityViews(mongo.getDatabase(database).getCollection(CityViews.COLLECTION));
            heap.sampling(true);
            ServiceRun serviceRun = takeIntoViews(views, data, endOffsets, serviceStarted);
            heap.sampling(false);
            Exactness exactness = Exactness.of(data.expected(), views.totals());
            System.out.printf("[bench] (b) aggregation-service into its views: %,.0f events/s; %s%n",
                    serviceRun.eventsPerSecond(), exactness);

            KafkaStreamsPeer.Result streams = KafkaStreamsPeer.run(backbone.bootstrapServers(), work.resolve("streams"),
                    options.pledgeEvents());
            System.out.printf("[bench] (c) Kafka Streams groupByKey().aggregate(): %,.0f events/s from the first record"
                    + " (%,.0f events/s from start())%n", streams.fromFirstRecord(), streams.fromStart());

            heap.sampling(true);
            LatencyProbe.Result latency;
            try (KafkaProducer<String, byte[]> producer = backbone.producer(5)) {
                latency = LatencyProbe.run(producer, data, views, options.rate(), WARM_UP,
                        Duration.ofSeconds(options.latencySeconds()));
            }
            heap.sampling(false);
            System.out.printf("[bench] (d) latency at %,d events/s: p50 %,d ms, p99 %,d ms, max %,d ms (n = %,d, unseen %,d,"
                            + " the poller's query %.1f ms on average); views afterwards %s%n", options.rate(),
                    latency.percentile(50), latency.percentile(99), latency.percentile(100), latency.count(),
                    latency.unseen(), latency.meanQueryMillis(), Exactness.of(data.expected(), views.totals()));

            System.out.println();
            System.out.println("================ CityPromise aggregation benchmark ================");
            System.out.printf("machine: %s; store: %s%n", Machine.describe(), MemoryStore.DESCRIPTION);
            System.out.printf("data: %,d cities, %,d pledge events (%.1f%% updates), produced in %.1f s (%,.0f events/s)%n",
                    options.cities(), options.pledgeEvents(), updateShare(data), produceSeconds, produceRate);
            System.out.printf("(a) plain consumer + JSON parse     %,10.0f events/s   totals %s%n",
                    ceiling.eventsPerSecond(), ceilingExactness.exact() ? "OK" : "MISMATCH");
            System.out.printf("(b) aggregation-service -> views    %,10.0f events/s   %s%n", serviceRun.eventsPerSecond(),
                    exactness);
            System.out.printf("(c) Kafka Streams aggregate()       %,10.0f events/s   (%,.0f from start())%n",
                    streams.fromFirstRecord(), streams.fromStart());
            System.out.printf("(b)/(a) = %.2f (aim >= 0.5)   (b)/(c) = %.2f (aim > 1)%n",
                    serviceRun.eventsPerSecond() / ceiling.eventsPerSecond(),
                    serviceRun.eventsPerSecond() / streams.fromFirstRecord());
            System.out.printf("(d) end-to-end latency @ %,d/s: p50 %,d ms, p99 %,d ms, max %,d ms (n = %,d)%n",
                    options.rate(), latency.percentile(50), latency.percentile(99), latency.percentile(100),
                    latency.count());
            System.out.printf("(e) aggregator peak heap: %,d MB (%s)%n", heap.peakBytes() / (1024 * 1024),
                    ServiceProcess.HEAP);
            System.out.println("===================================================================");
            return exactness.exact();
        }
    }

    /** Sends the city registrations, then the pledge events as fast as the producer takes them; seconds taken. */
    private double produce(PledgeDataSet data) {
        AtomicReference<Exception> refused = new AtomicReference<>();
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = backbone.producer(20)) {
            for (ProducerRecord<String, byte[]> registration : data.cityRegistrations()) {
                send(producer, registration, refused);
            }
            for (int i = 0; i < options.pledgeEvents(); i++) {
                send(producer, data.nextEvent(), refused);
            }
            producer.flush();
        }
        if (refused.get() != null) {
            throw new IllegalStateException("the broker refused events", refused.get());
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static void send(KafkaProducer<String, byte[]> producer, ProducerRecord<String, byte[]> record,
                             AtomicReference<Exception> refused) {
        producer.send(record, (metadata, failure) -> {
            if (failure != null) {
                refused.compareAndSet(null, failure);
            }
        });
    }

    private double updateShare(PledgeDataSet data) {
        return 100.0 * data.updates() / options.pledgeEvents();
    }

    /** (b): from the first view to complete views (nanoTime). */
    private record ServiceRun(long firstView, long complete, long events) {
        /** From the first view (its first poll taken), so that the Spring Boot startup is not counted. */
        double eventsPerSecond() {
            return events / ((complete - firstView) / 1e9);
        }
    }

    /**
     * Until the views are complete: every pledge counted and every pledge partition taken up to its last
     * record. Polls the store every 500 ms, for only the fields it needs.
     */
    private ServiceRun takeIntoViews(CityViews views, PledgeDataSet data, Map<Integer, Long> endOffsets, long started)
            throws InterruptedException {
        service.awaitHealthy(STARTUP);
        long healthy = System.nanoTime();
        long deadline = healthy + STARTUP.toNanos();
        while (!views.any()) {
            service.assertAlive();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no view written within " + STARTUP.toSeconds() + " s of the service being"
                        + " healthy (log: " + root.relativize(logs.resolve("aggregation-service.log")) + ")");
            }
            Thread.sleep(20);
        }
        long firstView = System.nanoTime();
        System.out.printf("[bench] (b) aggregation-service healthy %.1f s after its start, first view %.1f s after%n",
                (healthy - started) / 1e9, (firstView - healthy) / 1e9);
        deadline = firstView + CATCH_UP.toNanos();
        long nextReport = firstView + PROGRESS_EVERY.toNanos();
        while (true) {
            CityViews.Progress progress = views.progress();
            long now = System.nanoTime();
            if (progress.reached(data.expectedPledges(), endOffsets)) {
                return new ServiceRun(firstView, now, options.pledgeEvents());
            }
            service.assertAlive();
            if (now > deadline) {
                throw new IllegalStateException("views not complete within " + CATCH_UP.toMinutes() + " min: "
                        + progress + ", end offsets " + endOffsets);
            }
            if (now > nextReport) {
                System.out.printf("[bench]     %,d of %,d pledges in the views after %.0f s%n", progress.pledges(),
                        data.expectedPledges(), (now - firstView) / 1e9);
                nextReport += PROGRESS_EVERY.toNanos();
            }
            Thread.sleep(500);
        }
    }

    /** A Ctrl-C during a start must not leave a child started after everything was stopped. */
    private void refuseIfStopped() {
        if (stopped) {
            throw new IllegalStateException("stopping");
        }
    }

    /** The service first (SIGTERM, graceful), then the broker and the store; then the temporary data. */
    private synchronized void stopAll() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (service != null) {
            service.close();
        }
        if (backbone != null) {
            backbone.close();
        }
        try {
            deleteRecursively(work);
        } catch (IOException e) {
            System.out.println("[bench] could not delete " + work + ": " + e);
        }
    }

    static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
