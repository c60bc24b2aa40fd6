package org.citypromise.local;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * The whole system on one machine, each part its own process: a single-node KRaft Kafka broker on
 * 127.0.0.1:9092, a MongoDB-protocol store on 127.0.0.1:27017 persisting to {@code .local/data/}, the
 * identity provider on 127.0.0.1:9000 (platform/identity-provider, an OAuth2/OIDC authorization server) and
 * the three services and the web site (last, on 8080). Run from the repository root ({@code ./deploy/local/start}); Ctrl-C stops
 * everything in reverse order, and the next start finds the data where it was.
 * <p>
 * Arguments: {@code --only-backbone} starts just Kafka, the store and the identity provider, for a service run
 * from the IDE;
 * {@code --with-prometheus} also starts Prometheus (Debian's package) on 127.0.0.1:9090, scraping the
 * services with the alert rules of {@code deploy/observability} and a monitoring token it gets from the
 * identity provider by OAuth2 client credentials (see {@link PrometheusConfig}); {@code --kafka-sasl} starts the broker with
 * a SASL/SCRAM client listener instead of PLAINTEXT (see {@link KafkaBroker#withScramClient}) and the services
 * authenticating to it, with data of its own in {@code .local/data-sasl/} and the services' password in
 * {@code .local/kafka-sasl.properties}.
 * <p>
 * Longer than most classes here on purpose: the launcher's one sequence (what starts in which order, when
 * each part counts as ready, supervision, the order of the stop) reads top to bottom in one place; what
 * is not part of that sequence lives beside it ({@link Probes}, {@link PrometheusConfig},
 * {@link KafkaClientEnvironment}, {@link Supervisor}).
 */
public final class LocalStack {

    static final String HOST = "127.0.0.1";
    static final int KAFKA_PORT = 9092;
    static final int CONTROLLER_PORT = 9093;
    static final int STORE_PORT = 27017;
    static final int PROMETHEUS_PORT = 9090;
    /** The identity provider: the services' default JWK set URI is on this port. */
    static final int IDENTITY_PROVIDER_PORT = 9000;
    static final String IDENTITY_PROVIDER = "identity-provider";
    /** For the whole stack, not per part: an operator wants one bound on how long a start may take. */
    static final Duration READY_WITHIN = Duration.ofSeconds(120);
    /** Ctrl-C's bounds: the services together, then the broker (a controlled shutdown), then the store. */
    static final int SERVICE_STOP_SECONDS = 20;
    static final int BROKER_STOP_SECONDS = 40;

    /** A service of the system: its module, port and MongoDB database. */
    public record Service(String name, int port, String database) {
        public Path jar(Path root) {
            return root.resolve(name).resolve("target").resolve(name + ".jar");
        }

        String url() {
            return "http://" + HOST + ":" + port;
        }
    }

    /** In the identity provider's data: the monitoring client's secret, read by Prometheus (client_secret_file). */
    static final String MONITORING_CLIENT_SECRET_FILE = "monitoring-client-secret";

    public static final List<Service> SERVICES = List.of(
            new Service("inventory-service", 8082, "inventory"),
            new Service("pledge-service", 8081, "pledge"),
            new Service("aggregation-service", 8083, "aggregation"));

    /** The identity provider's boot jar, built like the services' (./deploy/local/start builds it). */
    public static Path identityProviderJar(Path root) {
        return root.resolve("platform").resolve(IDENTITY_PROVIDER).resolve("target").resolve(IDENTITY_PROVIDER + ".jar");
    }

    /**
     * The public web site: a client of the services' APIs and a reader of city-contributions, with no database;
     * started after them, and its address printed first.
     */
    public static final Service WEB = new Service("web", 8080, null);

    /** The services' Kafka user on a SASL stack. */
    static final String KAFKA_SASL_USER = "citypromise";

    private final Path root;
    private final Path data;
    private final Path logs;
    /** Null: the broker's client listener is PLAINTEXT. */
    private final String kafkaPassword;
    /** The broker and store JVMs run from this launcher's own classpath (the jar and its lib/), made absolute. */
    private final String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .map(entry -> Path.of(entry).toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator));
    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private final List<ChildProcess> started = new ArrayList<>();
    private boolean stopping;
    private final Supervisor supervisor = new Supervisor(this::relaunch);

    LocalStack(Path root) {
        this(root, null);
    }

    /**
     * {@code kafkaPassword} non-null: the broker takes SASL/SCRAM clients only, the services authenticate as
     * {@value #KAFKA_SASL_USER}, and the data lives apart: the views hold Kafka positions of their own broker.
     */
    LocalStack(Path root, String kafkaPassword) {
        this.root = root;
        this.data = root.resolve(kafkaPassword == null ? ".local/data" : ".local/data-sasl");
        this.logs = root.resolve(".local/logs");
        this.kafkaPassword = kafkaPassword;
    }

    public static void main(String[] args) throws Exception {
        boolean onlyBackbone = false;
        boolean withPrometheus = false;
        boolean kafkaSasl = false;
        for (String arg : args) {
            if (arg.equals("--only-backbone")) {
                onlyBackbone = true;
            } else if (arg.equals("--with-prometheus")) {
                withPrometheus = true;
            } else if (arg.equals("--kafka-sasl")) {
                kafkaSasl = true;
            } else {
                System.out.println("[stack] unknown argument " + arg + "; usage: ./deploy/local/start [--no-build]"
                        + " [--only-backbone] [--with-prometheus] [--kafka-sasl]");
                System.exit(2);
            }
        }
        Path root = repositoryRoot();
        if (org.slf4j.LoggerFactory.getLogger("org.apache.kafka") instanceof ch.qos.logback.classic.Logger kafkaLog) {
            // this JVM's one Kafka client (granting the SASL user its ACLs) would print its whole configuration
            kafkaLog.setLevel(ch.qos.logback.classic.Level.WARN);
        }
        LocalStack stack = new LocalStack(root, kafkaSasl ? kafkaSaslPassword(root) : null);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.stopAll();
            stopped.countDown();
        }, "stack-shutdown"));
        try {
            stack.start(onlyBackbone, withPrometheus);
        } catch (RuntimeException | IOException e) {
            System.out.println("[stack] could not start: " + e.getMessage());
            System.exit(1);
        }
        stopped.await();
    }

    /**
     * The repository root: found from where this jar lies ({@code platform/dev-stack/target/dev-stack.jar}),
     * so that {@code java -jar} works from any directory; the working directory otherwise.
     */
    static Path repositoryRoot() {
        try {
            Path jar = Path.of(LocalStack.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path target = jar.getParent();
            if (jar.toString().endsWith(".jar") && target != null && target.endsWith(Path.of("platform", "dev-stack", "target"))) {
                return target.getParent().getParent().getParent();
            }
        } catch (Exception e) {
            // not run from the built jar
        }
        return Path.of("").toAbsolutePath();
    }

    void start(boolean onlyBackbone, boolean withPrometheus) throws IOException {
        long begin = System.nanoTime();
        long deadline = begin + READY_WITHIN.toNanos();
        Map<Integer, String> ports = new LinkedHashMap<>();
        ports.put(KAFKA_PORT, "Kafka");
        ports.put(CONTROLLER_PORT, "Kafka controller");
        ports.put(STORE_PORT, "MongoDB store");
        ports.put(IDENTITY_PROVIDER_PORT, "identity provider");
        if (withPrometheus) {
            ports.put(PROMETHEUS_PORT, "Prometheus");
            if (PrometheusConfig.binary() == null) {
                throw new IllegalStateException("--with-prometheus needs Prometheus on the PATH (Debian: sudo apt-get install"
                        + " -y prometheus, then sudo systemctl disable --now prometheus so that only this one runs)");
            }
        }
        if (!Files.isRegularFile(identityProviderJar(root))) {
            throw new IllegalStateException(root.relativize(identityProviderJar(root))
                    + " is missing: build first (./deploy/local/start without --no-build builds)");
        }
        if (!onlyBackbone) {
            SERVICES.forEach(service -> ports.put(service.port(), service.name()));
            ports.put(WEB.port(), WEB.name());
            for (Service service : applications()) {
                if (!Files.isRegularFile(service.jar(root))) {
                    throw new IllegalStateException(root.relativize(service.jar(root))
                            + " is missing: build first (./deploy/local/start without --no-build builds)");
                }
            }
        }
        List<String> taken = new ArrayList<>();
        ports.forEach((port, user) -> {
            if (!Probes.isFree(port)) {
                taken.add(HOST + ":" + port + " (" + user + ")");
            }
        });
        if (!taken.isEmpty()) {
            throw new IllegalStateException("port(s) already in use: " + String.join(", ", taken)
                    + ". Is a stack already running? See who holds them with: ss -ltnp");
        }

        // Store first, broker second, so that stopping in reverse order ends with the store.
        ChildProcess store = launch(new ChildProcess("store", List.of(java, "-Xmx512m", "-XX:+UseSerialGC",
                "-cp", classpath, StoreServer.class.getName(),
                data.resolve("store/citypromise.mv").toString(), HOST, Integer.toString(STORE_PORT)),
                Map.of(), logs.resolve("store.log")));
        KafkaBroker broker = kafkaBroker();
        ChildProcess kafka = launch(broker.prepare());
        awaitReady(kafka, () -> Probes.accepts(KAFKA_PORT), deadline);
        awaitReady(store, () -> Probes.accepts(STORE_PORT), deadline);
        System.out.printf("[stack] Kafka and the store accept connections (%.1f s)%n", seconds(begin));
        if (broker.isScram()) {
            broker.authorizeClient();
            System.out.printf("[stack] Kafka takes SASL/SCRAM (%s) clients only; the services log in as %s,"
                    + " password in %s%n", KafkaBroker.SCRAM_MECHANISM, KAFKA_SASL_USER, root.relativize(kafkaSaslFile(root)));
        }

        // its key set is the services' trust; they fetch it at their first token, so they start alongside
        ChildProcess identityProvider = launch(new ChildProcess(IDENTITY_PROVIDER, List.of(java, "-Xmx256m",
                "-XX:+UseSerialGC", "-jar", identityProviderJar(root).toString(),
                "--citypromise.identity.data-dir=" + identityData()), Map.of(), logs.resolve(IDENTITY_PROVIDER + ".log")));
        List<ChildProcess> services = new ArrayList<>();
        if (!onlyBackbone) {
            for (Service service : SERVICES) {
                services.add(launch(new ChildProcess(service.name(), List.of(java, "-Xmx384m", "-XX:+UseSerialGC",
                        "-jar", service.jar(root).toString()), serviceEnvironment(service, kafkaPassword),
                        logs.resolve(service.name() + ".log"))));
            }
        }
        awaitReady(identityProvider, () -> Probes.isUp(identityProviderUrl() + "/actuator/health"), deadline);
        System.out.printf("[stack] identity provider is UP (%.1f s)%n", seconds(begin));
        if (!onlyBackbone) {
            for (int i = 0; i < SERVICES.size(); i++) {
                Service service = SERVICES.get(i);
                awaitReady(services.get(i), () -> Probes.isUp(service.url() + "/actuator/health"), deadline);
                System.out.printf("[stack] %s is UP (%.1f s)%n", service.name(), seconds(begin));
            }
            ChildProcess web = launch(new ChildProcess(WEB.name(), List.of(java, "-Xmx256m", "-XX:+UseSerialGC",
                    "-jar", WEB.jar(root).toString()), webEnvironment(kafkaPassword), logs.resolve(WEB.name() + ".log")));
            awaitReady(web, () -> Probes.isUp(WEB.url() + "/actuator/health"), deadline);
            System.out.printf("[stack] %s is UP (%.1f s)%n", WEB.name(), seconds(begin));
        }
        if (withPrometheus) {
            // the operator's view of the services' real numbers: the scrape config and alert rules that
            // deploy/observability keeps for production, on the stack's own ports
            ChildProcess prometheus = launch(new ChildProcess("prometheus", List.of(PrometheusConfig.binary(),
                    "--config.file=" + PrometheusConfig.write(root, data,
                            identityData().resolve(MONITORING_CLIENT_SECRET_FILE), identityProviderUrl() + "/oauth2/token"),
                    "--storage.tsdb.path=" + data.resolve("prometheus"),
                    "--web.listen-address=" + HOST + ":" + PROMETHEUS_PORT),
                    Map.of(), logs.resolve("prometheus.log")));
            awaitReady(prometheus, () -> Probes.isReady("http://" + HOST + ":" + PROMETHEUS_PORT + "/-/ready"), deadline);
        }
        printUrls(onlyBackbone, withPrometheus, seconds(begin));
        superviseAll();
    }

    /**
     * Only once everything is up: a death during the start stops the whole start (its cause is in the log),
     * while a crash after it is the supervisor's to mend.
     */
    private synchronized void superviseAll() {
        started.forEach(supervisor::watch);
        System.out.println("[stack] supervising: a part that crashes is restarted (after 1 s, doubling to 30 s if it"
                + " keeps crashing); the others keep running and catch up");
    }

    /** The supervisor's restart: the same command, a marker in its log; refused once the stack is stopping. */
    private synchronized void relaunch(ChildProcess child) throws IOException {
        if (stopping) {
            throw new IllegalStateException("stopping");
        }
        markStart(child);
        child.start();
    }

    /** What a service needs to find the broker and its own database; its port is its own default. */
    static Map<String, String> serviceEnvironment(Service service) {
        return Map.of(
                "SPRING_KAFKA_BOOTSTRAP_SERVERS", HOST + ":" + KAFKA_PORT,
                "SPRING_MONGODB_URI", mongoUri(service.database()));
    }

    /** As {@link #serviceEnvironment(Service)}, and with a password, authenticating to the SASL broker. */
    static Map<String, String> serviceEnvironment(Service service, String kafkaPassword) {
        if (kafkaPassword == null) {
            return serviceEnvironment(service);
        }
        Map<String, String> environment = new LinkedHashMap<>(serviceEnvironment(service));
        environment.putAll(KafkaClientEnvironment.scram(KAFKA_SASL_USER, kafkaPassword));
        return environment;
    }

    static Path kafkaSaslFile(Path root) {
        return root.resolve(".local/kafka-sasl.properties");
    }

    /** The services' Kafka password: generated on the first SASL start, kept (owner-only) in .local/, read back after. */
    static String kafkaSaslPassword(Path root) throws IOException {
        Path file = kafkaSaslFile(root);
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            KafkaBroker.writePrivately(file, "# The local stack's Kafka user for ./deploy/local/start --kafka-sasl"
                    + " (generated; never committed)\nuser=" + KAFKA_SASL_USER + "\npassword=" + KafkaBroker.randomPassword() + "\n");
        }
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        String password = properties.getProperty("password");
        if (password == null || password.isBlank()) {
            throw new IllegalStateException(file + " has no password=: delete it and start again for a new one");
        }
        return password.trim();
    }

    /** The services and the web site: what the stack starts after the backbone. */
    static List<Service> applications() {
        List<Service> applications = new ArrayList<>(SERVICES);
        applications.add(WEB);
        return applications;
    }

    /** What the web site needs: the broker (its services' URLs and the identity provider are its defaults). */
    static Map<String, String> webEnvironment(String kafkaPassword) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", HOST + ":" + KAFKA_PORT);
        if (kafkaPassword != null) {
            environment.putAll(KafkaClientEnvironment.scram(KAFKA_SASL_USER, kafkaPassword));
        }
        return environment;
    }

    static String mongoUri(String database) {
        return "mongodb://" + HOST + ":" + STORE_PORT + "/" + database;
    }

    private KafkaBroker kafkaBroker() {
        KafkaBroker broker = new KafkaBroker(HOST, KAFKA_PORT, CONTROLLER_PORT, data.resolve("kafka"),
                logs.resolve("kafka.log"), java, classpath);
        return kafkaPassword == null ? broker : broker.withScramClient(KAFKA_SASL_USER, kafkaPassword);
    }

    /** Synchronized with {@link #stopAll()}: a Ctrl-C during start must not leave a child started after it. */
    private synchronized ChildProcess launch(ChildProcess child) throws IOException {
        if (stopping) {
            throw new IllegalStateException("stopping");
        }
        markStart(child);
        started.add(child.start());
        System.out.printf("[stack] started %s (pid %d), log %s%n", child.name(), child.pid(), root.relativize(child.log()));
        return child;
    }

    /** Logs are appended across starts and restarts; a marker shows where each run begins. */
    private static void markStart(ChildProcess child) throws IOException {
        Files.createDirectories(child.log().getParent());
        Files.writeString(child.log(), System.lineSeparator() + "===== started by the local stack at " + Instant.now()
                + " =====" + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private void awaitReady(ChildProcess child, BooleanSupplier ready, long deadline) {
        while (!ready.getAsBoolean()) {
            if (!child.isAlive()) {
                child.awaitExitReport(); // its last lines come first, then why the start is given up
                throw new IllegalStateException(child.name() + " exited during startup (last lines above, whole log in "
                        + root.relativize(child.log()) + ")");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(child.name() + " not ready within " + READY_WITHIN.toSeconds()
                        + " s. Last lines of " + root.relativize(child.log()) + ":\n" + child.tail(30));
            }
            sleep(250);
        }
    }

    /**
     * The identity provider's data: its signing key (tokens stay good across restarts), the monitoring client's
     * secret (Prometheus reads it too), the demo password and the accounts. The directory the former in-process
     * token issuer kept its key in, so that tokens issued then stay valid.
     */
    private Path identityData() {
        return data.resolve("token-issuer");
    }

    static String identityProviderUrl() {
        return "http://" + HOST + ":" + IDENTITY_PROVIDER_PORT;
    }

    /**
     * Stops in reverse order of start: the services (together: they do not depend on each other), then
     * the broker (a controlled shutdown), then the store, last so that the services' final writes land.
     * The supervisor is closed first, so that no restart races the stop.
     */
    synchronized void stopAll() {
        stopping = true;
        supervisor.close();
        if (started.isEmpty()) {
            return;
        }
        System.out.println("[stack] stopping");
        started.forEach(ChildProcess::expectExit);
        List<ChildProcess> services = started.stream()
                .filter(child -> applications().stream().anyMatch(service -> service.name().equals(child.name()))).toList();
        List<ChildProcess> running = started.stream().filter(ChildProcess::isAlive).toList();
        services.forEach(ChildProcess::requestStop);
        for (ChildProcess service : services) {
            // bounded: a service that cannot finish its shutdown (its store down, say) is killed, and it
            // loses nothing by that: what it acknowledged is stored, what it consumed is read again
            service.awaitStop(SERVICE_STOP_SECONDS);
            System.out.println("[stack] stopped " + service.name() + (running.contains(service) ? "" : " (had already exited)"));
        }
        for (int i = started.size() - 1; i >= 0; i--) {
            ChildProcess child = started.get(i);
            if (!services.contains(child)) {
                child.stop(child.name().equals("kafka") ? BROKER_STOP_SECONDS : 20);
                System.out.println("[stack] stopped " + child.name() + (running.contains(child) ? "" : " (had already exited)"));
            }
        }
        started.clear();
        System.out.println("[stack] all stopped; data kept in " + root.relativize(data));
    }

    private void printUrls(boolean onlyBackbone, boolean withPrometheus, double seconds) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%n[stack] ready in %.1f s%s%n", seconds, onlyBackbone ? " (only Kafka, the store and the identity provider)" : ""));
        out.append("------------------------------------------------------------------------------\n");
        if (!onlyBackbone) {
            out.append(String.format("  %-20s %s/  (the public site: open this first)%n", WEB.name(), WEB.url()));
            for (Service service : SERVICES) {
                out.append(String.format("  %-20s %s%n", service.name(), service.url()));
                out.append(String.format("  %-20s %s/actuator/health%n", "", service.url()));
                out.append(String.format("  %-20s %s/swagger-ui.html%n", "", service.url()));
            }
        }
        if (withPrometheus) {
            out.append(String.format("  %-20s http://%s:%d  (alerts: /alerts, targets: /targets)%n", "Prometheus", HOST,
                    PROMETHEUS_PORT));
        }
        out.append(String.format("  %-20s %s  (OIDC: %s/.well-known/openid-configuration)%n", "identity provider",
                identityProviderUrl(), identityProviderUrl()));
        out.append(String.format("  %-20s %s/login  (new residents: %s/signup)%n", "", identityProviderUrl(), identityProviderUrl()));
        out.append(String.format("  %-20s password %s for each of:%n", "demo accounts", demoFile("demo-password")));
        demoFile("demo-accounts").lines().forEach(account -> out.append(String.format("  %-20s   %s%n", "", account)));
        out.append(String.format("  %-20s %s/token?role=resident&sub=alice  (or role=city-officer&city=<id>,"
                + " role=admin, role=monitoring)%n", "dev tokens", identityProviderUrl()));
        out.append(String.format("  %-20s curl -s -H \"Authorization: Bearer $(curl -s '%s/token?role=monitoring')\""
                + " %s/actuator/prometheus%n", "metrics", identityProviderUrl(), SERVICES.get(1).url()));
        out.append(String.format("  %-20s %s:%d%s%n", "Kafka bootstrap", HOST, KAFKA_PORT, kafkaPassword == null ? ""
                : "  (SASL_PLAINTEXT, " + KafkaBroker.SCRAM_MECHANISM + ", user " + KAFKA_SASL_USER + ", password in "
                + root.relativize(kafkaSaslFile(root)) + ")"));
        out.append(String.format("  %-20s mongodb://%s:%d  (databases %s)%n", "MongoDB", HOST, STORE_PORT,
                String.join(", ", SERVICES.stream().map(Service::database).toList())));
        out.append(String.format("  %-20s %s%n", "logs", logs));
        out.append(String.format("  %-20s %s%n", "data", data));
        out.append("------------------------------------------------------------------------------\n");
        out.append("Ctrl-C to stop.\n");
        System.out.print(out);
    }

    /**
     * What the identity provider wrote about its demo accounts: their password (generated on its first start) and
     * the list of them (username, role, cities), written at each start.
     */
    private String demoFile(String name) {
        try {
            return Files.readString(identityData().resolve(name)).trim();
        } catch (IOException e) {
            return "(not readable: " + e.getMessage() + ")";
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
