package org.citypromise.benchmark;

import org.citypromise.local.ChildProcess;
import org.citypromise.backbone.TestTokenIssuer;
import org.citypromise.local.LocalStack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One of the services as it is deployed: its jar ({@code <service>/target/<service>.jar}, found as the local
 * stack finds it) in a JVM of its own, configured by environment variables only. It trusts a development token
 * issuer of the benchmark's own ({@link #tokens()}), from which the benchmark takes the monitoring token its
 * reads of the metrics need (the actuator endpoints other than health want the role monitoring) and, for
 * pledge-service, the residents' tokens.
 */
final class ServiceProcess implements AutoCloseable {

    static final String AGGREGATION = "aggregation-service";
    static final String PLEDGE = "pledge-service";
    static final String HEAP = "-Xmx512m";

    private final String name;
    private final ChildProcess process;
    private final int port;
    private final TestTokenIssuer tokens;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ServiceProcess(String name, ChildProcess process, int port, TestTokenIssuer tokens) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.tokens = tokens;
    }

    static Path jar(Path root, String name) {
        return LocalStack.SERVICES.stream().filter(service -> service.name().equals(name))
                .findFirst().orElseThrow().jar(root);
    }

    /**
     * Starts {@code name} on a free port, on the given broker and store, with {@code environment} besides the
     * usual settings (or instead of them).
     */
    static ServiceProcess start(Path root, String name, String bootstrap, String mongoUri, Map<String, String> environment,
                                Path log) throws IOException {
        Path jar = jar(root, name);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the benchmark without --no-build");
        }
        int port = Backbone.freePort();
        TestTokenIssuer tokens = TestTokenIssuer.start(Backbone.HOST, 0);
        Map<String, String> settings = new HashMap<>(Map.of("SPRING_KAFKA_BOOTSTRAP_SERVERS", bootstrap,
                "SPRING_MONGODB_URI", mongoUri,
                "SERVER_PORT", Integer.toString(port),
                "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI", tokens.jwkSetUri()));
        settings.putAll(environment);
        ChildProcess process = new ChildProcess(name, List.of(Backbone.java(), HEAP, "-jar", jar.toString()), settings, log);
        try {
            return new ServiceProcess(name, process.start(), port, tokens);
        } catch (IOException | RuntimeException e) {
            tokens.close();
            throw e;
        }
    }

    int port() {
        return port;
    }

    String name() {
        return name;
    }

    /** The issuer this service trusts. */
    TestTokenIssuer tokens() {
        return tokens;
    }

    /** Until {@code /actuator/health} answers 200; fails at once if the process exits. */
    void awaitHealthy(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (get("/actuator/health").isEmpty()) {
            assertAlive();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " not healthy within " + within.toSeconds()
                        + " s. Last lines of " + process.log() + ":\n" + process.tail(30));
            }
            Thread.sleep(100);
        }
    }

    void assertAlive() {
        if (!process.isAlive()) {
            process.awaitExitReport();
            throw new IllegalStateException(name + " exited (whole log: " + process.log() + ")");
        }
    }

    /**
     * The body of a 200 answer; empty while the service does not answer or answers otherwise. The actuator
     * endpoints other than health are asked with a monitoring token.
     */
    Optional<String> get(String path) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + Backbone.HOST + ":" + port + path))
                .timeout(Duration.ofSeconds(5));
        if (path.startsWith("/actuator/") && !path.startsWith("/actuator/health")) {
            request.header("Authorization", "Bearer " + tokens.monitoring("benchmark"));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
        } catch (IOException notAnswering) {
            return Optional.empty();
        }
    }

    /** SIGTERM: a graceful shutdown, killed if it takes over 30 s. */
    @Override
    public void close() {
        try {
            process.stop(30);
        } finally {
            tokens.close();
        }
    }
}
