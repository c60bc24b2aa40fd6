package org.citypromise.benchmark;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.bson.types.Decimal128;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * What the durable store costs at intake (issue 13): pledge-service taking pledges from concurrent clients, on
 * the local stack's H2 file store durable (a write answered once it is committed and fsynced, as the local stack
 * runs it) and then not durable ({@code -Dcitypromise.store.durable=false}: H2's own commit about once a
 * second), each in a fresh directory, on one broker of the benchmark's own. Then the store alone through the
 * MongoDB driver, 1 and 16 writers inserting, durable and not, to tell the store's cost from the service's.
 * <p>
 * pledge-service learns its cities from inventory-events: the benchmark writes the city-registered events there
 * itself, in inventory-service's wire format ({@link EventRecords}), rather than running inventory-service too
 * (one JVM fewer on the machine measured). Each pledge-service reads them in a consumer group of its own.
 * Not a test: {@code benchmark/intake} prints the figures.
 */
public final class IntakeBenchmark {

    private static final Duration STARTUP = Duration.ofMinutes(2);
    private static final int CITIES = 4;
    private static final String PLEDGE_BODY = "{\"stakeholderType\":\"HOUSEHOLD\",\"actionCode\":\"COOKING_LPG_REDUCTION\","
            + "\"quantity\":120}";
    private static final Duration STORE_WARM_UP = Duration.ofSeconds(2);

    private final IntakeOptions options;
    private final Path root;
    private final Path logs;
    private final Path work;
    private final List<AutoCloseable> running = new ArrayList<>();
    private boolean stopped;

    private IntakeBenchmark(IntakeOptions options, Path root, Path logs, Path work) {
        this.options = options;
        this.root = root;
        this.logs = logs;
        this.work = work;
    }

    /** The figures of one store. */
    private record Intake(int round, boolean durable, ClosedLoop.Result result, String loadBefore, String loadAfter) {
    }

    public static void main(String[] args) throws Exception {
        IntakeOptions options;
        try {
            options = IntakeOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + IntakeOptions.USAGE);
            System.exit(2);
            return;
        }
        // target/benchmark.jar: its logs go to target/intake-logs, and the repository root is two levels up.
        Path target = Path.of(IntakeBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toAbsolutePath().getParent();
        Path logs = target.resolve("intake-logs");
        AggregationBenchmark.deleteRecursively(logs); // the children append: keep only this run's
        // Under target, not /tmp: the store's fsyncs must reach the disk the local stack's store is on.
        Files.createDirectories(target);
        IntakeBenchmark benchmark = new IntakeBenchmark(options, target.getParent().getParent(), logs,
                Files.createTempDirectory(target, "intake-data"));
        Runtime.getRuntime().addShutdownHook(new Thread(benchmark::stopAll, "benchmark-shutdown")); // Ctrl-C
        int status;
        try {
            benchmark.run();
            status = 0;
        } catch (Exception | Error e) {
            System.out.println("[intake] FAILED: " + e);
            e.printStackTrace(System.out);
            status = 1;
        } finally {
            benchmark.stopAll();
        }
        System.exit(status);
    }

    private void run() throws Exception {
        System.out.printf("[intake] %d clients, %d s measured after %d s of warm-up, per store; logs in %s; %s%n",
                options.clients(), options.seconds(), options.warmUpSeconds(), root.relativize(logs), Machine.load());
        Backbone backbone = started(Backbone.brokerOnly(work, logs));
        List<String> cities = registerCities(backbone);
        System.out.printf("[intake] broker %s (Kafka KRaft, one node); %d cities registered on %s%n",
                backbone.bootstrapServers(), cities.size(), EventRecords.INVENTORY_TOPIC);

        // Rounds alternate the order (durable first, then not durable first, ...), so that a load that drifts
        // while the benchmark runs weighs on both stores alike.
        List<Intake> intakes = new ArrayList<>();
        Map<String, List<ClosedLoop.Result>> storeOnly = new LinkedHashMap<>();
        for (int round = 1; round <= options.rounds(); round++) {
            boolean[] order = round % 2 == 1 ? new boolean[]{true, false} : new boolean[]{false, true};
            System.out.printf("[intake] round %d of %d%n", round, options.rounds());
            for (boolean durable : order) {
                intakes.add(intake(round, backbone, cities, durable));
            }
            for (int writers : new int[]{1, 16}) {
                for (boolean durable : order) {
                    storeOnly.computeIfAbsent(writers + " " + durable, any -> new ArrayList<>())
                            .add(storeOnly(round, writers, durable));
                }
            }
        }

        System.out.println();
        System.out.println("================ CityPromise intake benchmark: durable store vs not ================");
        System.out.printf("machine: %s; store: %s%n", Machine.describe(), FileStore.DESCRIPTION);
        System.out.printf("pledge-service (%s), POST /api/v1/cities/{id}/pledges, %d clients in a closed loop,"
                + " %d s after %d s of warm-up, %d round%s:%n", ServiceProcess.HEAP, options.clients(), options.seconds(),
                options.warmUpSeconds(), options.rounds(), options.rounds() == 1 ? "" : "s (each store's rounds pooled)");
        for (Intake intake : intakes) {
            ClosedLoop.Result r = intake.result();
            System.out.printf("  %-12s %,8.0f pledges/s   201 latency p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms"
                            + "   (n = %,d; other answers: %s; round %d; %s -> %s)%n", FileStore.name(intake.durable()),
                    r.perSecond(), r.percentileMillis(50), r.percentileMillis(95), r.percentileMillis(99),
                    r.nanos().length, r.othersText(), intake.round(), intake.loadBefore(), intake.loadAfter());
        }
        ClosedLoop.Result durable = pooled(intakes, true);
        ClosedLoop.Result notDurable = pooled(intakes, false);
        if (options.rounds() > 1) {
            for (ClosedLoop.Result r : List.of(durable, notDurable)) {
                System.out.printf("  %-12s %,8.0f pledges/s   201 latency p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms"
                                + "   (n = %,d, all rounds)%n", FileStore.name(r == durable), r.perSecond(),
                        r.percentileMillis(50), r.percentileMillis(95), r.percentileMillis(99), r.nanos().length);
            }
        }
        System.out.printf("  durable / not durable: throughput %.2f, p99 %.2f%n",
                durable.perSecond() / notDurable.perSecond(),
                durable.percentileMillis(99) / notDurable.percentileMillis(99));
        System.out.printf("store alone, MongoDB driver insertOne of a pledge-like document, %d s after %d s of warm-up%s:%n",
                options.storeSeconds(), STORE_WARM_UP.toSeconds(), options.rounds() == 1 ? ""
                        : ", " + options.rounds() + " rounds pooled");
        for (int writers : new int[]{1, 16}) {
            ClosedLoop.Result d = ClosedLoop.Result.pooled(storeOnly.get(writers + " true"));
            ClosedLoop.Result n = ClosedLoop.Result.pooled(storeOnly.get(writers + " false"));
            System.out.printf("  %2d writer%s  durable %,8.0f inserts/s (p99 %5.1f ms)   not durable %,8.0f inserts/s"
                            + " (p99 %5.1f ms)   durable / not durable: throughput %.2f, p99 %.2f%n", writers,
                    writers == 1 ? " " : "s", d.perSecond(), d.percentileMillis(99), n.perSecond(),
                    n.percentileMillis(99), d.perSecond() / n.perSecond(), d.percentileMillis(99) / n.percentileMillis(99));
        }
        System.out.printf("%s at the end%n", Machine.load());
        System.out.println("=====================================================================================");
    }

    private static ClosedLoop.Result pooled(List<Intake> intakes, boolean durable) {
        return ClosedLoop.Result.pooled(intakes.stream().filter(intake -> intake.durable() == durable)
                .map(Intake::result).toList());
    }

    /** The cities pledge-service is to know: city-registered events on inventory-events, as inventory-service writes them. */
    private List<String> registerCities(Backbone backbone) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", backbone.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(EventRecords.INVENTORY_TOPIC, Backbone.PARTITIONS, (short) 1)))
                    .all().get();
        }
        List<String> cities = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = backbone.producer(0)) {
            for (int city = 1; city <= CITIES; city++) {
                String cityId = "intake-city-" + city;
                ProducerRecord<String, byte[]> registered = EventRecords.cityRegistered(cityId, "Intake City " + city,
                        "KR", 1_000_000L * city, Instant.now());
                producer.send(registered).get(30, TimeUnit.SECONDS);
                cities.add(cityId);
            }
        }
        return cities;
    }

    private Intake intake(int round, Backbone backbone, List<String> cities, boolean durable) throws Exception {
        // each round's store and service from scratch: a directory, a log and a consumer group of their own
        String mode = (durable ? "durable" : "not-durable") + "-" + round;
        FileStore store = started(FileStore.start(Files.createDirectories(work.resolve("store-" + mode)), durable,
                logs.resolve("store-" + mode + ".log")));
        long begun = System.nanoTime();
        ServiceProcess service = started(ServiceProcess.start(root, ServiceProcess.PLEDGE, backbone.bootstrapServers(),
                store.uri() + "/pledge", Map.of(
                        // the benchmark pledges far faster than residents would
                        "CITYPROMISE_RATE_LIMITS_PLEDGE_WRITES_PER_CLIENT_PER_MINUTE", "100000000",
                        "CITYPROMISE_RATE_LIMITS_PLEDGE_WRITES_PER_ADDRESS_PER_MINUTE", "100000000",
                        // a consumer group of this run's own, so that it reads the city registrations from the start
                        "SPRING_APPLICATION_JSON", "{\"spring.cloud.stream.bindings.inventoryEvents-in-0.group\":"
                                + "\"pledge-service-intake-" + mode + "\"}"),
                logs.resolve("pledge-service-" + mode + ".log")));
        service.awaitHealthy(STARTUP);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String[] tokens = new String[options.clients()];
        for (int client = 0; client < tokens.length; client++) {
            tokens[client] = service.tokens().resident("intake-resident-" + client);
        }
        awaitCitiesKnown(service, http, tokens[0], cities);
        System.out.printf("[intake] %s store: pledge-service healthy and knowing the %d cities %.1f s after its start;"
                + " %d clients pledging (%s)%n", FileStore.name(durable), cities.size(), (System.nanoTime() - begun) / 1e9,
                options.clients(), Machine.load());
        String loadBefore = Machine.load();
        ClosedLoop.Result result = ClosedLoop.run(options.clients(), Duration.ofSeconds(options.warmUpSeconds()),
                Duration.ofSeconds(options.seconds()), client -> {
                    int status = post(service, http, tokens[client], cities.get(client % cities.size()));
                    return status == 201 ? null : Integer.toString(status);
                });
        String loadAfter = Machine.load();
        service.assertAlive();
        System.out.printf("[intake] %s store: %,.0f pledges/s, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms (n = %,d; other"
                        + " answers: %s; %s)%n", FileStore.name(durable), result.perSecond(), result.percentileMillis(50),
                result.percentileMillis(95), result.percentileMillis(99), result.nanos().length, result.othersText(),
                loadAfter);
        stop(service);
        stop(store);
        return new Intake(round, durable, result, loadBefore, loadAfter);
    }

    /** pledge-service answers 404 for a city until it has read the city's registration: until each answers 201. */
    private static void awaitCitiesKnown(ServiceProcess service, HttpClient http, String token, List<String> cities)
            throws Exception {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        for (String city : cities) {
            int status;
            while ((status = post(service, http, token, city)) != 201) {
                service.assertAlive();
                if (status != 404 || System.nanoTime() > deadline) {
                    throw new IllegalStateException("a pledge for " + city + " answered " + status + " (see "
                            + service.name() + "'s log)");
                }
                Thread.sleep(200);
            }
        }
    }

    private static int post(ServiceProcess service, HttpClient http, String token, String city)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + Backbone.HOST + ":" + service.port()
                        + "/api/v1/cities/" + city + "/pledges"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(PLEDGE_BODY))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The store alone, in a fresh directory: {@code writers} threads inserting pledge-like documents. */
    private ClosedLoop.Result storeOnly(int round, int writers, boolean durable) throws Exception {
        String mode = (durable ? "durable" : "not-durable") + "-" + writers + "-" + round;
        FileStore store = started(FileStore.start(Files.createDirectories(work.resolve("store-only-" + mode)), durable,
                logs.resolve("store-only-" + mode + ".log")));
        ClosedLoop.Result result;
        try (MongoClient client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(store.uri()))
                .applyToSocketSettings(socket -> socket.readTimeout(30, TimeUnit.SECONDS))
                .build())) {
            MongoCollection<Document> pledges = client.getDatabase("pledge").getCollection("pledges");
            Decimal128 quantity = new Decimal128(new BigDecimal("120"));
            Decimal128 estimate = new Decimal128(new BigDecimal("0.358"));
            result = ClosedLoop.run(writers, STORE_WARM_UP, Duration.ofSeconds(options.storeSeconds()), writer -> {
                Date now = new Date();
                pledges.insertOne(new Document("_id", UUID.randomUUID().toString())
                        .append("cityId", "intake-city-" + (writer % CITIES + 1))
                        .append("participantId", "resident-" + writer)
                        .append("stakeholderType", "HOUSEHOLD")
                        .append("actionCode", "COOKING_LPG_REDUCTION")
                        .append("quantity", quantity)
                        .append("unit", "kg/yr")
                        .append("estimatedTco2ePerYear", estimate)
                        .append("status", "ACTIVE")
                        .append("version", 1)
                        .append("pledgedAt", now)
                        .append("changedAt", now));
                return null;
            });
        }
        System.out.printf("[intake] store alone, %s, %2d writer%s: %,.0f inserts/s, p50 %.2f ms, p99 %.2f ms (errors: %s;"
                        + " %s)%n", FileStore.name(durable), writers, writers == 1 ? " " : "s", result.perSecond(),
                result.percentileMillis(50), result.percentileMillis(99), result.othersText(), Machine.load());
        stop(store);
        return result;
    }

    /** Remembered for {@link #stopAll}; refused once stopping (a Ctrl-C during a start). */
    private synchronized <T extends AutoCloseable> T started(T child) throws Exception {
        if (stopped) {
            child.close();
            throw new IllegalStateException("stopping");
        }
        running.add(child);
        return child;
    }

    private synchronized void stop(AutoCloseable child) throws Exception {
        running.remove(child);
        child.close();
    }

    /** The last started first (the service, then the store, then the broker); then the temporary data. */
    private synchronized void stopAll() {
        if (stopped) {
            return;
        }
        stopped = true;
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                System.out.println("[intake] could not stop " + running.get(i) + ": " + e);
            }
        }
        running.clear();
        try {
            AggregationBenchmark.deleteRecursively(work);
        } catch (IOException e) {
            System.out.println("[intake] could not delete " + work + ": " + e);
        }
    }
}
