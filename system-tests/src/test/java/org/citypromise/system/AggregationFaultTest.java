package org.citypromise.system;

import org.citypromise.backbone.Backbone;
import org.citypromise.backbone.Tokens;
import org.citypromise.local.ChildProcess;
import org.citypromise.local.KafkaBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citypromise.system.RunningSystem.awaitListening;

/**
 * aggregation-service as real processes, killed with SIGKILL while pledge events stream in, and its
 * views compared city by city with totals worked out from the events sent.
 */
class AggregationFaultTest {

    private static final String AGGREGATION = "aggregation-service";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration SETTLE_WITHIN = Duration.ofMinutes(4);

    private static final Path LOGS = Path.of("target", "system-logs");
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final String CLASSPATH = System.getProperty("java.class.path");

    /**
     * A broker of this class's own, so that the hundreds of thousands of events sent here do not reach
     * the other system tests' services (topic names are the same everywhere).
     */
    private static KafkaBroker broker;
    private static ChildProcess brokerProcess;

    private RunningSystem system;

    @BeforeAll
    static void startBroker(@TempDir Path dir) throws IOException {
        broker = new KafkaBroker("127.0.0.1", RunningSystem.freePort(), RunningSystem.freePort(), dir.resolve("kafka"),
                LOGS.resolve("fault-kafka.log"), JAVA, CLASSPATH);
        brokerProcess = awaitListening(broker.prepare().start(), broker.port());
        RunningSystem.declareProducerTopics(broker.bootstrapServers());
    }

    @AfterAll
    static void stopBroker() {
        if (brokerProcess != null) {
            brokerProcess.stop(30);
        }
    }

    @AfterEach
    void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void killedAtRandomMomentsWhile100000EventsStreamInTheViewsEndExact() throws Exception {
        long seed = System.nanoTime();
        System.out.println("[fault] seed " + seed);
        Random random = new Random(seed);
        system = onTheClassBroker().startOnly(AGGREGATION);
        try (PledgeStream stream = new PledgeStream(broker.bootstrapServers(), run(), 200, seed)) {
            CompletableFuture<Void> streaming = CompletableFuture.runAsync(() -> stream.send(100_000, 4_000));
            int kills = 0;
            while (kills < 4 || !streaming.isDone()) {
                RunningSystem.pause(1_000 + random.nextInt(4_000));
                system.kill(AGGREGATION);
                kills++;
                System.out.printf("[fault] kill -9 number %d after %,d events sent%n", kills, stream.events());
                RunningSystem.pause(random.nextInt(1_500));
                system.start(AGGREGATION);
                system.awaitHealthy(AGGREGATION);
                if (kills >= 8) {
                    break;
                }
            }
            streaming.get(5, TimeUnit.MINUTES);
            assertThat(stream.events()).isGreaterThanOrEqualTo(100_000);
            assertThat(kills).isGreaterThanOrEqualTo(4);
            awaitExact(stream.expected(), AGGREGATION);
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void twoInstancesShareThePartitionsAndWhenOneIsKilledTheViewsStayExact() throws Exception {
        String second = AGGREGATION + "-2";
        system = onTheClassBroker().startOnly(AGGREGATION);
        system.startInstance(second, AGGREGATION);
        system.awaitHealthy(second);
        try (PledgeStream stream = new PledgeStream(broker.bootstrapServers(), run(), 120, 42)) {
            CompletableFuture<Void> streaming = CompletableFuture.runAsync(() -> stream.send(40_000, 4_000));
            awaitPartitionsShared(AGGREGATION, second);
            // mid-stream, so that the survivor takes over partitions with events still coming
            while (stream.events() < 20_000 && !streaming.isDone()) {
                RunningSystem.pause(50);
            }
            system.kill(second);
            System.out.printf("[fault] kill -9 of the second instance after %,d events sent%n", stream.events());
            assertThat(stream.events()).as("killed while events still came").isLessThan(40_000);
            streaming.get(5, TimeUnit.MINUTES);
            awaitExact(stream.expected(), AGGREGATION);
            // the survivor has them all once the group has noticed the death (session timeout 10 s)
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions(AGGREGATION).size() != 13 && System.nanoTime() < deadline) {
                RunningSystem.pause(500);
            }
            assertThat(partitions(AGGREGATION)).as("the survivor holds every partition").hasSize(13);
        }
    }

    /**
     * The broker killed and restarted, twice, while events stream in. (The store is killed, with every other
     * process, in EveryProcessKilledTest.)
     */
    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void theBrokerKilledAndRestartedWhileEventsStreamInLeavesTheViewsExact(@TempDir Path dir) throws Exception {
        KafkaBroker broker = new KafkaBroker("127.0.0.1", RunningSystem.freePort(), RunningSystem.freePort(),
                dir.resolve("kafka"), LOGS.resolve("killed-kafka.log"), JAVA, CLASSPATH);
        List<ChildProcess> started = new ArrayList<>();
        try {
            ChildProcess kafka = awaitListening(broker.prepare().start(), broker.port());
            started.add(kafka);
            RunningSystem.declareProducerTopics(broker.bootstrapServers());
            system = new RunningSystem(broker.bootstrapServers(), Backbone.get()::mongoUri).startOnly(AGGREGATION);
            try (PledgeStream stream = new PledgeStream(broker.bootstrapServers(), run(), 100, 7)) {
                CompletableFuture<Void> streaming = CompletableFuture.runAsync(() -> stream.send(30_000, 3_000));
                for (int kill = 1; kill <= 2; kill++) {
                    RunningSystem.pause(3_000);
                    kafka.kill();
                    System.out.printf("[fault] kill -9 of the broker after %,d events sent%n", stream.events());
                    RunningSystem.pause(2_000);
                    kafka = awaitListening(broker.prepare().start(), broker.port());
                    started.add(kafka);
                }
                streaming.get(5, TimeUnit.MINUTES);
                awaitExact(stream.expected(), AGGREGATION);
            }
        } finally {
            if (system != null) {
                system.close();
                system = null;
            }
            started.forEach(process -> process.stop(30));
        }
    }

    /** The class's broker and the test backbone's store (a database of this run's own). */
    private static RunningSystem onTheClassBroker() {
        return new RunningSystem(broker.bootstrapServers(), Backbone.get()::mongoUri);
    }

    private static String run() {
        return UUID.randomUUID().toString().substring(0, 6);
    }

    /** Both instances hold some of the partitions of the 2 topics (6 each) and the dead letters (1). */
    private void awaitPartitionsShared(String first, String second) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            List<String> a = partitions(first);
            List<String> b = partitions(second);
            if (!a.isEmpty() && !b.isEmpty() && a.size() + b.size() == 13) {
                System.out.printf("[fault] %s holds %s; %s holds %s%n", first, a, second, b);
                assertThat(a).doesNotContainAnyElementsOf(b);
                return;
            }
            assertThat(System.nanoTime()).as("partitions shared by both instances").isLessThan(deadline);
            RunningSystem.pause(250);
        }
    }

    private List<String> partitions(String instance) {
        JsonNode health = JSON.readTree(system.get(instance, "/actuator/health",
                Map.of("Authorization", Tokens.monitoring())).body()); // details are for the monitoring identity
        List<String> held = new ArrayList<>();
        JsonNode generations = health.path("components").path("viewConsumers").path("details");
        generations.forEach(generation -> generation.path("partitions").forEach(p -> held.add(p.asString())));
        return held;
    }

    /** Waits until every city's view equals what the events add up to; fails showing the differences. */
    private void awaitExact(Map<String, PledgeStream.Expected> expected, String instance) {
        long deadline = System.nanoTime() + SETTLE_WITHIN.toNanos();
        Map<String, String> differences;
        while (true) {
            differences = differences(expected, instance);
            if (differences.isEmpty() || System.nanoTime() > deadline) {
                break;
            }
            RunningSystem.pause(1_000);
        }
        assertThat(differences).as("cities whose view differs from the events sent").isEmpty();
        long pledges = expected.values().stream().mapToLong(PledgeStream.Expected::pledgeCount).sum();
        System.out.printf("[fault] all %d cities exact: %,d pledges%n", expected.size(), pledges);
    }

    private Map<String, String> differences(Map<String, PledgeStream.Expected> expected, String instance) {
        Map<String, JsonNode> views = new HashMap<>();
        for (int page = 0; ; page++) {
            JsonNode body = JSON.readTree(system.get(instance, "/api/v1/cities/contributions?size=200&page=" + page).body());
            body.path("items").forEach(view -> views.put(view.get("cityId").asString(), view));
            if (body.path("items").size() < 200) {
                break;
            }
        }
        Map<String, String> differences = new HashMap<>();
        expected.forEach((city, want) -> {
            JsonNode view = views.get(city);
            if (view == null) {
                differences.put(city, "no view");
                return;
            }
            Map<String, Long> statuses = new HashMap<>();
            view.path("countsByStatus").properties().forEach(e -> statuses.put(e.getKey(), e.getValue().asLong()));
            var got = new PledgeStream.Expected(view.get("pledgeCount").asLong(),
                    view.get("pledgedTco2ePerYear").decimalValue(), view.get("achievedTco2ePerYear").decimalValue(),
                    statuses);
            if (got.pledgeCount() != want.pledgeCount() || !same(got.pledgedTco2e(), want.pledgedTco2e())
                    || !same(got.achievedTco2e(), want.achievedTco2e()) || !got.byStatus().equals(want.byStatus())) {
                differences.put(city, "view " + got + ", events " + want);
            }
        });
        return differences;
    }

    private static boolean same(BigDecimal a, BigDecimal b) {
        return a.compareTo(b) == 0;
    }
}
