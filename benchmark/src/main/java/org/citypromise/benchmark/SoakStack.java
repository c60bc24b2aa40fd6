package org.citypromise.benchmark;

import org.citypromise.local.ChildProcess;
import org.citypromise.local.LocalStack;
import org.citypromise.local.Probes;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The local stack as {@code ./deploy/local/start --no-build} runs it (the built launcher, the built service
 * and identity provider jars), but with data and logs of its own, so that a soak neither reads nor grows a developer's
 * {@code .local/data}. The launcher takes no data directory: it puts {@code .local/} beside the repository
 * root it finds from where its jar lies. So the soak gives it a root of its own, {@code benchmark/target/soak-root}:
 * a copy of the launcher's jar (a symbolic link would not do: the JVM resolves a jar's location to its real
 * path) and links to the directories of the built jars. Its ports are the stack's fixed ones (9092, 9093,
 * 27017, 9000, 8081-8083): the soak refuses to start beside a running stack.
 */
final class SoakStack implements AutoCloseable {

    static final String HOST = "127.0.0.1";
    private static final Duration READY_WITHIN = Duration.ofMinutes(4);
    /** The launcher bounds its own stop (services 20 s, broker 40 s, store 20 s); this is beyond that. */
    private static final int STOP_SECONDS = 100;
    private static final List<Integer> PORTS = List.of(9092, 9093, 27017, 9000, 8081, 8082, 8083);
    /**
     * The soak's offered rate comes from one address and a few hundred residents: pledge-service's limits
     * per address (600 a minute) and per client (60) would turn most of it into 429s. Raised for this stack
     * only, through Spring's SPRING_APPLICATION_JSON, which the services inherit from the launcher.
     */
    static final String UNLIMITED_WRITES = "{\"citypromise\":{\"rate-limits\":{"
            + "\"pledge-writes-per-client-per-minute\":100000000,\"pledge-writes-per-address-per-minute\":100000000}}}";

    private final Path root;
    private final ChildProcess launcher;

    private SoakStack(Path root, ChildProcess launcher) {
        this.root = root;
        this.launcher = launcher;
    }

    /**
     * Starts the launcher; {@link #awaitServicesUp()} waits for the services. Refuses (IllegalStateException)
     * when a port is taken or a jar is missing. Data of a previous soak is deleted: a soak measures growth
     * from an empty store.
     */
    static SoakStack launch(Path repository, Path root) throws IOException {
        List<String> taken = PORTS.stream().filter(port -> !Probes.isFree(port)).map(port -> HOST + ":" + port).toList();
        if (!taken.isEmpty()) {
            throw new IllegalStateException("port(s) in use: " + String.join(", ", taken) + ". The soak starts a stack of"
                    + " its own on the local stack's fixed ports: stop the running one first (see who holds them: ss -ltnp)");
        }
        Path launcherJar = repository.resolve("platform/dev-stack/target/dev-stack.jar");
        List<Path> needed = new ArrayList<>(List.of(launcherJar));
        LocalStack.SERVICES.forEach(service -> needed.add(service.jar(repository)));
        needed.add(LocalStack.identityProviderJar(repository));
        for (Path jar : needed) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(repository.relativize(jar) + " is missing: run benchmark/soak without --no-build");
            }
        }
        deleteRecursively(root);
        Path ownTarget = root.resolve("platform/dev-stack/target");
        Files.createDirectories(ownTarget);
        Files.copy(launcherJar, ownTarget.resolve("dev-stack.jar"), StandardCopyOption.REPLACE_EXISTING);
        Files.createSymbolicLink(ownTarget.resolve("lib"), launcherJar.resolveSibling("lib"));
        for (LocalStack.Service service : LocalStack.SERVICES) {
            Files.createDirectories(root.resolve(service.name()));
            Files.createSymbolicLink(root.resolve(service.name()).resolve("target"), service.jar(repository).getParent());
        }
        Path identityTarget = LocalStack.identityProviderJar(root).getParent();
        Files.createDirectories(identityTarget.getParent());
        Files.createSymbolicLink(identityTarget, LocalStack.identityProviderJar(repository).getParent());
        ChildProcess launcher = new ChildProcess("local stack", List.of(Backbone.java(), "-Xmx128m", "-jar",
                ownTarget.resolve("dev-stack.jar").toString()), Map.of("SPRING_APPLICATION_JSON", UNLIMITED_WRITES),
                root.resolve("stack.log"));
        return new SoakStack(root, launcher.start());
    }

    void awaitServicesUp() throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        for (LocalStack.Service service : LocalStack.SERVICES) {
            while (!isUp(http, url(service) + "/actuator/health")) {
                if (!launcher.isAlive()) {
                    launcher.awaitExitReport(); // its last lines (why it gave up) come first
                    throw new IllegalStateException("the stack exited before " + service.name() + " was UP (see above;"
                            + " the services' logs are in " + logs() + ")");
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(service.name() + " not UP within " + READY_WITHIN.toMinutes()
                            + " min. Last lines of " + launcher.log() + ":\n" + launcher.tail(30));
                }
                Thread.sleep(500);
            }
        }
    }

    static String url(LocalStack.Service service) {
        return "http://" + HOST + ":" + service.port();
    }

    Path data() {
        return root.resolve(".local/data");
    }

    Path logs() {
        return root.resolve(".local/logs");
    }

    /** The service's process, a child of the launcher (again after a restart); -1 if there is none now. */
    long pid(LocalStack.Service service) {
        if (!launcher.isAlive()) {
            return -1;
        }
        String jar = service.name() + ".jar";
        return ProcessHandle.of(launcher.pid()).stream().flatMap(ProcessHandle::descendants)
                .filter(process -> process.info().commandLine().orElse("").contains(jar))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(-1);
    }

    /** The store's files (an H2 file and whatever it keeps beside it), in bytes. */
    long storeBytes() {
        try (Stream<Path> files = Files.walk(data().resolve("store"))) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException gone) {
                    return 0; // a temporary file removed meanwhile
                }
            }).sum();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** SIGTERM to the launcher: what Ctrl-C does, so it stops the services, then the broker, then the store. */
    @Override
    public void close() {
        if (launcher.isAlive()) {
            System.out.println("[soak] stopping the stack");
            launcher.stop(STOP_SECONDS);
            System.out.println("[soak] stack stopped (its output: " + launcher.log() + ")");
        }
    }

    private static boolean isUp(HttpClient http, String url) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"status\":\"UP\"");
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        // Files.walk does not follow the links to the build's directories: only the links themselves go
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
