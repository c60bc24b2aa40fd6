package org.citypromise.system;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.citypromise.backbone.ActingUser;
import org.citypromise.backbone.Backbone;
import org.citypromise.backbone.Tokens;
import org.citypromise.local.ChildProcess;
import org.citypromise.local.LocalStack;

import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The three services as built by the reactor, each a real JVM process, on the test backbone's broker
 * and store (each with databases of its own for this run) and on free ports.
 */
final class RunningSystem implements AutoCloseable {

    static final String INVENTORY = "inventory-service";
    static final String PLEDGE = "pledge-service";
    static final String AGGREGATION = "aggregation-service";
    static final String WEB = LocalStack.WEB.name();

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Duration READY_WITHIN = Duration.ofSeconds(120);

    private final Map<String, ChildProcess> processes = new LinkedHashMap<>();
    /** How each instance is started again, on a new port, when another process took its port first. */
    private final Map<String, Runnable> relaunchers = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String kafka;
    private final Function<String, String> mongoUri;
    private final Map<String, String> extraEnvironment = new LinkedHashMap<>();

    /** On the test backbone's broker and store. */
    RunningSystem() {
        this(Backbone.get().kafkaBootstrapServers(), Backbone.get()::mongoUri);
    }

    /** On a broker and a store of the test's own, e.g. processes it kills. */
    RunningSystem(String kafka, Function<String, String> mongoUri) {
        this.kafka = kafka;
        this.mongoUri = mongoUri;
    }

    /** Environment variables every service started from now on gets besides (or instead of) the usual ones. */
    RunningSystem withEnvironment(Map<String, String> environment) {
        extraEnvironment.putAll(environment);
        return this;
    }

    RunningSystem start() {
        return startOnly(LocalStack.SERVICES.stream().map(LocalStack.Service::name).toArray(String[]::new));
    }

    /** Starts only these services, and waits until they are healthy. */
    RunningSystem startOnly(String... names) {
        for (String name : names) {
            start(name);
        }
        for (String name : names) {
            awaitHealthy(name);
        }
        return this;
    }

    /** Starts (or restarts) one service as a new process. */
    void start(String name) {
        startInstance(name, name);
    }

    /**
     * Starts (or restarts) an instance of a service as a new process, on a port of its own and with the
     * databases of the service's other instances: e.g. a second aggregation-service in the same group.
     */
    void startInstance(String instance, String serviceName) {
        LocalStack.Service service = LocalStack.SERVICES.stream().filter(s -> s.name().equals(serviceName)).findFirst()
                .orElseThrow();
        ports.computeIfAbsent(instance, any -> freePort());
        Map<String, String> environment = new LinkedHashMap<>(Map.of("SPRING_KAFKA_BOOTSTRAP_SERVERS", kafka,
                        "SPRING_MONGODB_URI", mongoUri.apply(service.database() + "-" + run),
                        "SERVER_PORT", Integer.toString(ports.get(instance)),
                        // this run's own consumer groups: runs on one broker do not share offsets
                        "CITYPROMISE_AGGREGATION_GROUP", "aggregation-service-" + run,
                        // each event's view update and each snapshot logged with its trace id
                        "LOGGING_LEVEL_ORG_CITYPROMISE_AGGREGATION_TRACES", "DEBUG"));
        // and pledge-service's own group on inventory-events: another run's pledge-service on this broker (the
        // browser tests' site stays up through the run) would otherwise take half its partitions, and each would
        // learn only half the cities
        environment.put("SPRING_APPLICATION_JSON",
                "{\"spring.cloud.stream.bindings.inventoryEvents-in-0.group\":\"pledge-service-" + run + "\"}");
        // the tests' identity provider (a TestTokenIssuer in this JVM)
        environment.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI", Tokens.issuer().jwkSetUri());
        // the tests pledge faster than residents would (the limits have a test of their own in pledge-service)
        environment.put("CITYPROMISE_RATE_LIMITS_PLEDGE_WRITES_PER_CLIENT_PER_MINUTE", "100000");
        environment.put("CITYPROMISE_RATE_LIMITS_PLEDGE_WRITES_PER_ADDRESS_PER_MINUTE", "100000");
        environment.putAll(extraEnvironment);
        launch(instance, service, environment);
        relaunchers.put(instance, () -> startInstance(instance, serviceName));
    }

    /**
     * Starts the web site as a client of the services started here, on this run's broker (its identity provider
     * is not needed until someone signs in), and waits until it is healthy.
     */
    void startWeb() {
        launchWeb();
        relaunchers.put(WEB, this::launchWeb);
        awaitHealthy(WEB);
    }

    private void launchWeb() {
        ports.computeIfAbsent(WEB, any -> freePort());
        launch(WEB, LocalStack.WEB, Map.of("SPRING_KAFKA_BOOTSTRAP_SERVERS", kafka,
                "SERVER_PORT", Integer.toString(ports.get(WEB)),
                "CITYPROMISE_WEB_PLEDGE_URL", url(PLEDGE),
                "CITYPROMISE_WEB_INVENTORY_URL", url(INVENTORY),
                "CITYPROMISE_WEB_AGGREGATION_URL", url(AGGREGATION),
                // the tests' identity provider, whose monitoring tokens the site's actuator checks like the services
                "CITYPROMISE_WEB_IDENTITY_ISSUER", Tokens.issuer().issuer(),
                "CITYPROMISE_WEB_IDENTITY_JWK_SET_PATH", URI.create(Tokens.issuer().jwkSetUri()).getPath()));
    }

    private void launch(String instance, LocalStack.Service service, Map<String, String> environment) {
        Path jar = service.jar(ROOT);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the tests with ./mvnw verify from the root");
        }
        ChildProcess process = new ChildProcess(instance, List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()),
                environment, logFile(instance));
        try {
            processes.put(instance, process.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops one service as an orchestrator would: SIGTERM, and waits (killing it after 30 s). */
    void terminate(String name) {
        processes.get(name).stop(30);
    }

    /** Kills one service as a crash would: SIGKILL, nothing graceful. */
    void kill(String name) {
        processes.get(name).kill();
    }

    void awaitHealthy(String name) {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        int relaunches = 3;
        while (true) {
            ChildProcess process = processes.get(name);
            if (!process.isAlive()) {
                // a free port is chosen before the process binds it: another process on the machine may take it
                // first (the process then exits with "Port ... was already in use"); choose again
                if (process.tail(40).contains("already in use") && relaunchers.containsKey(name) && relaunches-- > 0) {
                    ports.put(name, freePort());
                    relaunchers.get(name).run();
                    continue;
                }
                throw new IllegalStateException(name + " exited:\n" + process.tail(40));
            }
            try {
                HttpResponse<String> health = get(name, "/actuator/health");
                // UP, and from this process: not from whatever else may listen on a port it failed to bind
                if (health.statusCode() == 200 && health.body().contains("\"status\":\"UP\"")
                        && log(name).contains("started on port " + ports.get(name) + " ")) {
                    return;
                }
            } catch (IllegalStateException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " not healthy within " + READY_WITHIN + ":\n" + process.tail(40));
            }
            pause(250);
        }
    }

    HttpResponse<String> get(String service, String path) {
        return get(service, path, Map.of());
    }

    HttpResponse<String> get(String service, String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(service, path)).GET();
        headers.forEach(request::header);
        return send(service, request);
    }

    HttpResponse<String> put(String service, String path, String json) {
        return put(service, path, json, Map.of());
    }

    HttpResponse<String> put(String service, String path, String json, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(service, path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        return send(service, request);
    }

    private static Path logFile(String instance) {
        return Path.of("target", "system-logs", instance + ".log");
    }

    /** What the instance has logged so far. */
    String log(String instance) {
        try {
            return Files.readString(logFile(instance));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HttpResponse<String> post(String service, String path, String json, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(service, path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        return send(service, request);
    }

    HttpResponse<String> delete(String service, String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(service, path)).DELETE();
        headers.forEach(request::header);
        return send(service, request);
    }

    /** The MongoDB database a service's instances use in this run. */
    String database(String serviceName) {
        return LocalStack.SERVICES.stream().filter(s -> s.name().equals(serviceName)).findFirst().orElseThrow()
                .database() + "-" + run;
    }

    /** Where a started service answers, e.g. for a script run against this system. */
    String url(String service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    private URI uri(String service, String path) {
        return URI.create("http://127.0.0.1:" + ports.get(service) + path);
    }

    /**
     * Sends as the user who would make the request ({@link ActingUser}: e.g. the monitoring identity, by client
     * credentials, for /actuator/prometheus and /actuator/metrics), unless the request names its own
     * Authorization (an empty one: no credentials).
     */
    private HttpResponse<String> send(String service, HttpRequest.Builder request) {
        HttpRequest built = request.timeout(Duration.ofSeconds(10)).build();
        if (built.headers().firstValue("Authorization").isEmpty()) {
            String authorization = ActingUser.authorization(HttpMethod.valueOf(built.method()), built.uri().getPath());
            if (authorization != null) {
                built = HttpRequest.newBuilder(built, (name, value) -> true).header("Authorization", authorization).build();
            }
        }
        try {
            return http.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(service + " did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        List<ChildProcess> all = List.copyOf(processes.values());
        all.forEach(ChildProcess::expectExit);
        all.forEach(process -> process.stop(30));
    }

    /**
     * Waits until aggregation-service's view of a city is {@code done}, asking every 250 ms; fails with the
     * last view seen.
     */
    JsonNode awaitContributions(String cityId, Predicate<JsonNode> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = get("aggregation-service", "/api/v1/cities/" + cityId + "/contributions");
            if (response.statusCode() == 200) {
                last = VIEWS.readTree(response.body());
                if (done.test(last)) {
                    return last;
                }
            }
            pause(250);
        }
        throw new AssertionError("contributions of " + cityId + " never got there; last seen: " + last);
    }

    private static final JsonMapper VIEWS = JsonMapper.builder().build();

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * pledge-events and inventory-events as their producers declare them (6 partitions, kept forever), for a test
     * that runs aggregation-service without pledge- and inventory-service: it waits for its producers' topics
     * and never creates them itself.
     */
    static void declareProducerTopics(String bootstrapServers) {
        Map<String, String> history = Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1", TopicConfig.RETENTION_BYTES_CONFIG, "-1");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(
                    new NewTopic("pledge-events", 6, (short) 1).configs(history),
                    new NewTopic("inventory-events", 6, (short) 1).configs(history))).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not declare the producers' topics", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until a broker or store process listens on its port; fails if it exits or takes over 90 s. */
    static ChildProcess awaitListening(ChildProcess process, int port) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return process;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(process.name() + " exited:\n" + process.tail(20));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(process.name() + " not listening on " + port + " within 90 s");
                }
                pause(200);
            }
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
