package org.citypromise.benchmark;

import org.citypromise.local.ChildProcess;
import org.citypromise.local.LocalStack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * aggregation-service as it is deployed: its jar ({@code aggregation-service/target/aggregation-service.jar},
 * found as the local stack finds it) in a JVM of its own, configured by environment variables only.
 */
final class AggregationServiceProcess implements AutoCloseable {

    static final String HEAP = "-Xmx512m";

    private final ChildProcess process;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private AggregationServiceProcess(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    static Path jar(Path root) {
        return LocalStack.SERVICES.stream().filter(service -> service.name().equals("aggregation-service"))
                .findFirst().orElseThrow().jar(root);
    }

    static AggregationServiceProcess start(Path root, String bootstrap, String mongoUri, Path log) throws IOException {
        Path jar = jar(root);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run deploy/benchmark/run without --no-build");
        }
        int port = Backbone.freePort();
        ChildProcess process = new ChildProcess("aggregation-service", List.of(Backbone.java(), HEAP, "-jar", jar.toString()),
                Map.of("SPRING_KAFKA_BOOTSTRAP_SERVERS", bootstrap,
                        "SPRING_MONGODB_URI", mongoUri,
                        "SERVER_PORT", Integer.toString(port)),
                log);
        return new AggregationServiceProcess(process.start(), port);
    }

    int port() {
        return port;
    }

    /** Until {@code /actuator/health} answers 200; fails at once if the process exits. */
    void awaitHealthy(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (get("/actuator/health").isEmpty()) {
            assertAlive();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("aggregation-service not healthy within " + within.toSeconds()
                        + " s. Last lines of " + process.log() + ":\n" + process.tail(30));
            }
            Thread.sleep(100);
        }
    }

    void assertAlive() {
        if (!process.isAlive()) {
            process.awaitExitReport();
            throw new IllegalStateException("aggregation-service exited (whole log: " + process.log() + ")");
        }
    }

    /** The body of a 200 answer; empty while the service does not answer or answers otherwise. */
    Optional<String> get(String path) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://" + Backbone.HOST + ":" + port + path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
        } catch (IOException notAnswering) {
            return Optional.empty();
        }
    }

    /** SIGTERM: a graceful shutdown, killed if it takes over 30 s. */
    @Override
    public void close() {
        process.stop(30);
    }
}
