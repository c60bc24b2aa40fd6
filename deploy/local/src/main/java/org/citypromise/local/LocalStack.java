package org.citypromise.local;

import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;

/**
 * The whole system on one machine, each part its own process: a single-node KRaft Kafka broker on
 * 127.0.0.1:9092, a MongoDB-protocol store on 127.0.0.1:27017 persisting to {@code .local/data/}, and
 * the three services. Run from the repository root ({@code ./deploy/local/start}); Ctrl-C stops
 * everything in reverse order, and the next start finds the data where it was.
 */
public final class LocalStack {

    static final String HOST = "127.0.0.1";
    static final int KAFKA_PORT = 9092;
    static final int CONTROLLER_PORT = 9093;
    static final int STORE_PORT = 27017;
    static final Duration READY_WITHIN = Duration.ofSeconds(120);

    /** A service of the system: its module, port and MongoDB database. */
    public record Service(String name, int port, String database) {
        public Path jar(Path root) {
            return root.resolve(name).resolve("target").resolve(name + ".jar");
        }

        String url() {
            return "http://" + HOST + ":" + port;
        }
    }

    public static final List<Service> SERVICES = List.of(
            new Service("inventory-service", 8082, "inventory"),
            new Service("pledge-service", 8081, "pledge"),
            new Service("aggregation-service", 8083, "aggregation"));

    private final Path root;
    private final Path data;
    private final Path logs;
    private final String classpath = System.getProperty("java.class.path");
    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private final List<ChildProcess> started = new ArrayList<>();

    LocalStack(Path root) {
        this.root = root;
        this.data = root.resolve(".local/data");
        this.logs = root.resolve(".local/logs");
    }

    public static void main(String[] args) throws Exception {
        boolean onlyBackbone = List.of(args).contains("--only-backbone");
        LocalStack stack = new LocalStack(Path.of("").toAbsolutePath());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.stopAll();
            stopped.countDown();
        }, "stack-shutdown"));
        try {
            stack.start(onlyBackbone);
        } catch (RuntimeException | IOException e) {
            System.out.println("[stack] could not start: " + e.getMessage());
            System.exit(1);
        }
        stopped.await();
    }

    void start(boolean onlyBackbone) throws IOException {
        long begin = System.nanoTime();
        List<Integer> ports = new ArrayList<>(List.of(KAFKA_PORT, CONTROLLER_PORT, STORE_PORT));
        if (!onlyBackbone) {
            SERVICES.forEach(service -> ports.add(service.port()));
            for (Service service : SERVICES) {
                if (!Files.isRegularFile(service.jar(root))) {
                    throw new IllegalStateException(service.jar(root) + " is missing: build first (./deploy/local/start builds)");
                }
            }
        }
        List<Integer> taken = ports.stream().filter(port -> !isFree(port)).toList();
        if (!taken.isEmpty()) {
            throw new IllegalStateException("ports " + taken + " on " + HOST + " are in use: is a stack already running?");
        }

        // Started store first, broker second, so that stopping in reverse ends with the store.
        ChildProcess store = launch(new ChildProcess("store", List.of(java, "-Xmx512m", "-cp", classpath,
                StoreServer.class.getName(), data.resolve("store/citypromise.mv").toString(), HOST,
                Integer.toString(STORE_PORT)), Map.of(), logs.resolve("store.log")));
        ChildProcess kafka = startKafka();
        awaitReady(kafka, () -> accepts(KAFKA_PORT));
        awaitReady(store, () -> accepts(STORE_PORT));
        System.out.printf("[stack] Kafka and the store are up (%.1f s)%n", seconds(begin));

        if (!onlyBackbone) {
            List<ChildProcess> services = new ArrayList<>();
            for (Service service : SERVICES) {
                services.add(launch(new ChildProcess(service.name(), List.of(java, "-Xmx384m", "-XX:+UseSerialGC",
                        "-jar", service.jar(root).toString()), Map.of(
                        "SPRING_KAFKA_BOOTSTRAP_SERVERS", HOST + ":" + KAFKA_PORT,
                        "SPRING_MONGODB_URI", "mongodb://" + HOST + ":" + STORE_PORT + "/" + service.database()),
                        logs.resolve(service.name() + ".log"))));
            }
            for (int i = 0; i < SERVICES.size(); i++) {
                Service service = SERVICES.get(i);
                awaitReady(services.get(i), () -> isUp(service.url() + "/actuator/health"));
            }
        }
        printUrls(onlyBackbone, seconds(begin));
    }

    private ChildProcess startKafka() throws IOException {
        Path kafkaData = data.resolve("kafka");
        Path logDir = kafkaData.resolve("log");
        Path config = kafkaData.resolve("server.properties");
        Files.createDirectories(logDir);
        Files.writeString(config, String.join("\n",
                "# Written by the local stack at every start; data lives in log.dirs.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + HOST + ":" + CONTROLLER_PORT,
                "listeners=PLAINTEXT://" + HOST + ":" + KAFKA_PORT + ",CONTROLLER://" + HOST + ":" + CONTROLLER_PORT,
                "advertised.listeners=PLAINTEXT://" + HOST + ":" + KAFKA_PORT,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + logDir.toAbsolutePath(),
                "num.partitions=6",
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "") );
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            // First start only: formatting again would orphan the data already there.
            String clusterId = Uuid.randomUuid().toString();
            System.out.println("[stack] formatting Kafka storage (cluster " + clusterId + ")");
            new ChildProcess("kafka-format", List.of(java, "-cp", classpath, "kafka.tools.StorageTool", "format",
                    "-t", clusterId, "-c", config.toString()), Map.of(), logs.resolve("kafka.log")).runToCompletion(60);
        }
        return launch(new ChildProcess("kafka", List.of(java, "-Xmx512m", "-cp", classpath, "kafka.Kafka",
                config.toString()), Map.of(), logs.resolve("kafka.log")));
    }

    private ChildProcess launch(ChildProcess child) throws IOException {
        started.add(child.start());
        System.out.printf("[stack] started %s (pid %d), log %s%n", child.name(), child.pid(), root.relativize(child.log()));
        return child;
    }

    private void awaitReady(ChildProcess child, BooleanSupplier ready) {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (!ready.getAsBoolean()) {
            if (!child.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException(child.name() + (child.isAlive() ? " not ready within " + READY_WITHIN.toSeconds() + " s"
                        : " exited") + ". Last lines of " + child.log() + ":\n" + child.tail(30));
            }
            sleep(250);
        }
    }

    /** Stops in reverse order of start: services, then the broker (a controlled shutdown), then the store. */
    synchronized void stopAll() {
        if (started.isEmpty()) {
            return;
        }
        System.out.println("[stack] stopping");
        started.forEach(ChildProcess::expectExit);
        for (int i = started.size() - 1; i >= 0; i--) {
            ChildProcess child = started.get(i);
            child.stop(child.name().equals("kafka") ? 60 : 30);
            System.out.println("[stack] stopped " + child.name());
        }
        started.clear();
    }

    private void printUrls(boolean onlyBackbone, double seconds) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%n[stack] ready in %.1f s%n", seconds));
        if (!onlyBackbone) {
            for (Service service : SERVICES) {
                out.append(String.format("  %-20s %s   health %s/actuator/health   API docs %s/swagger-ui.html%n",
                        service.name(), service.url(), service.url(), service.url()));
            }
        }
        out.append(String.format("  %-20s %s:%d%n", "Kafka bootstrap", HOST, KAFKA_PORT));
        out.append(String.format("  %-20s mongodb://%s:%d  (databases inventory, pledge, aggregation)%n", "MongoDB",
                HOST, STORE_PORT));
        out.append(String.format("  %-20s %s%n", "logs", root.relativize(logs)));
        out.append("Ctrl-C to stop.\n");
        System.out.print(out);
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(HOST, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private static boolean isUp(String healthUrl) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(healthUrl))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"status\":\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
