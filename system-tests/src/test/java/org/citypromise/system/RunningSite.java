package org.citypromise.system;

import org.citypromise.backbone.Backbone;
import org.citypromise.local.ChildProcess;
import org.citypromise.local.LocalStack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The whole site as a resident meets it, each part a real process on a free port: the identity provider
 * (platform/identity-provider, whose keys the services trust instead of the tests' in-JVM issuer), the three
 * services on the test backbone ({@link RunningSystem}) and the web site. One city is registered by its officer
 * (an inventory, a target, emission factors: the shapes of deploy/demo/load) and a few residents have pledged
 * there through the API; the site's live updates are known to flow before anyone looks.
 */
public final class RunningSite implements AutoCloseable {

    static final String IDENTITY_PROVIDER = "identity-provider";
    static final String WEB = "web";

    /** Residents of the provider whose password is {@link #demoPassword()}. */
    public static final List<String> DEMO_RESIDENTS = List.of("alice", "minji", "siti", "maria", "linh");

    /** The action pledged in the seeded city (a grid electricity factor: kWh per year). */
    public static final String ACTION = "HOME_LED_LIGHTING";
    public static final String AREA = "ENERGY";
    private static final int SEEDED_RESIDENTS = 6;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String cityId = "seoul-" + run;
    private final String demoPassword = "demo-" + UUID.randomUUID();
    private final int identityPort = RunningSystem.freePort();
    private final int webPort = RunningSystem.freePort();
    private final Map<String, ChildProcess> processes = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private RunningSystem services;

    private RunningSite() {
    }

    /** Starts everything at once (the JVMs warm up together), waits until each is healthy, seeds the city. */
    public static RunningSite start() {
        RunningSite site = new RunningSite();
        try {
            site.startProcesses();
            site.seed();
            return site;
        } catch (RuntimeException | Error e) {
            site.close();
            throw e;
        }
    }

    /** The web site, e.g. {@code http://127.0.0.1:41234}; pages under {@code /{lang}/...}. */
    public String webUrl() {
        return "http://127.0.0.1:" + webPort;
    }

    public String identityProviderUrl() {
        return "http://127.0.0.1:" + identityPort;
    }

    /** The seeded city: its promise, residents' pledges, and the emission factor {@link #ACTION} needs. */
    public String cityId() {
        return cityId;
    }

    public String demoPassword() {
        return demoPassword;
    }

    private void startProcesses() {
        String jwks = identityProviderUrl() + "/oauth2/jwks";
        services = new RunningSystem().withEnvironment(Map.of("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI", jwks));
        startIdentityProvider();
        List<String> names = LocalStack.SERVICES.stream().map(LocalStack.Service::name).toList();
        names.forEach(services::start);
        startWeb();
        awaitHealthy(IDENTITY_PROVIDER, identityProviderUrl());
        names.forEach(services::awaitHealthy);
        awaitHealthy(WEB, webUrl());
    }

    private void startIdentityProvider() {
        Path data = Path.of("target", "identity-provider-" + run).toAbsolutePath();
        launch(IDENTITY_PROVIDER, RunningSystem.ROOT.resolve("platform").resolve(IDENTITY_PROVIDER).resolve("target").resolve(IDENTITY_PROVIDER + ".jar"), Map.of(), List.of(
                "--server.port=" + identityPort,
                "--citypromise.identity.issuer=" + identityProviderUrl(),
                "--citypromise.identity.data-dir=" + data,
                "--citypromise.identity.demo-password=" + demoPassword,
                "--citypromise.identity.web-client.redirect-uris=" + webUrl() + "/login/oauth2/code/citypromise",
                "--citypromise.identity.web-client.post-logout-redirect-uris=" + webUrl() + "/"));
    }

    private void startWeb() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("SERVER_PORT", Integer.toString(webPort));
        environment.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", Backbone.get().kafkaBootstrapServers());
        environment.put("CITYPROMISE_WEB_PLEDGE_URL", services.url(RunningSystem.PLEDGE));
        environment.put("CITYPROMISE_WEB_INVENTORY_URL", services.url(RunningSystem.INVENTORY));
        environment.put("CITYPROMISE_WEB_AGGREGATION_URL", services.url(RunningSystem.AGGREGATION));
        environment.put("CITYPROMISE_WEB_IDENTITY_ISSUER", identityProviderUrl());
        environment.put("CITYPROMISE_WEB_LIVE_GROUP", "web-live-" + run);
        launch(WEB, RunningSystem.ROOT.resolve("web").resolve("target").resolve("web.jar"), environment, List.of());
    }

    private void launch(String name, Path jar, Map<String, String> environment, List<String> arguments) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package web, platform/identity-provider and the services first");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
        command.addAll(arguments);
        try {
            processes.put(name, new ChildProcess(name, command, environment,
                    Path.of("target", "system-logs", name + "-" + run + ".log")).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitHealthy(String name, String base) {
        long deadline = System.nanoTime() + RunningSystem.READY_WITHIN.toNanos();
        while (true) {
            ChildProcess process = processes.get(name);
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited:\n" + process.tail(40));
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"status\":\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " not healthy within " + RunningSystem.READY_WITHIN + ":\n"
                        + process.tail(40));
            }
            RunningSystem.pause(250);
        }
    }

    /** A token from the provider's development shortcut, e.g. {@code role=city-officer&city=seoul}. */
    private String bearer(String query) {
        try {
            HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(identityProviderUrl() + "/token?" + query))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (token.statusCode() != 200) {
                throw new IllegalStateException("no token for " + query + ": " + token.statusCode() + " " + token.body());
            }
            return "Bearer " + token.body().trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void seed() {
        Map<String, String> officer = Map.of("Authorization",
                bearer("role=city-officer&city=" + URLEncoder.encode(cityId, StandardCharsets.UTF_8)));
        String city = "/api/v1/cities/" + cityId;
        expect(services.put(RunningSystem.INVENTORY, city, """
                {"name":"Seoul","countryCode":"KR","population":9386034}""", officer), city);
        expect(services.put(RunningSystem.INVENTORY, city + "/inventories/2005", """
                {"gwpSet":"AR5","rows":[
                  {"gpcRef":"I.1.1","tco2e":6200000},{"gpcRef":"I.1.2","tco2e":9800000},{"gpcRef":"I.2.1","tco2e":3100000},
                  {"gpcRef":"I.2.2","tco2e":11400000},{"gpcRef":"II.1.1","tco2e":10300000},{"gpcRef":"V.1.1","notationKey":"NO"}]}""",
                officer), "the 2005 inventory");
        expect(services.put(RunningSystem.INVENTORY, city + "/inventories/2022", """
                {"gwpSet":"AR5","rows":[
                  {"gpcRef":"I.1.1","tco2e":5400000},{"gpcRef":"I.1.2","tco2e":8900000},{"gpcRef":"I.2.1","tco2e":2600000},
                  {"gpcRef":"I.2.2","tco2e":10900000},{"gpcRef":"II.1.1","tco2e":8700000},{"gpcRef":"V.1.1","notationKey":"NO"}]}""",
                officer), "the 2022 inventory");
        expect(services.put(RunningSystem.INVENTORY, city + "/target", """
                {"type":"BASE_YEAR","baseYear":2005,"targetYear":2030,"reductionPercent":40}""", officer), "the target");
        expect(services.put(RunningSystem.INVENTORY, city + "/emission-factors", """
                {"factors":[
                  {"code":"GRID_ELECTRICITY","value":0.46,"unit":"kgCO2e/kWh","source":"ILLUSTRATIVE test value","year":2023},
                  {"code":"LANDFILLED_FOOD_WASTE","value":0.58,"unit":"kgCO2e/kg","source":"ILLUSTRATIVE test value","year":2023}]}""",
                officer), "the emission factors");
        awaitPledgeServiceKnowsTheCity();
        try (LiveUpdates live = new LiveUpdates()) {
            for (int resident = 1; resident <= SEEDED_RESIDENTS; resident++) {
                pledge("resident-" + run + "-" + resident);
            }
            // The site subscribes from the latest offsets once it has its partitions: more pledges until it passes one on.
            int extra = 0;
            while (!live.sawContribution(Duration.ofSeconds(5))) {
                if (++extra > 12) {
                    throw new IllegalStateException("the web site never passed on a contribution of " + cityId + ":\n"
                            + processes.get(WEB).tail(40));
                }
                pledge("resident-" + run + "-late-" + extra);
            }
        }
    }

    private void awaitPledgeServiceKnowsTheCity() {
        String estimate = "/api/v1/cities/" + cityId + "/pledge-estimate?actionCode=" + ACTION + "&quantity=600";
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<String> last;
        do {
            last = services.get(RunningSystem.PLEDGE, estimate);
            if (last.statusCode() == 200) {
                return;
            }
            RunningSystem.pause(250);
        } while (System.nanoTime() < deadline);
        throw new IllegalStateException("pledge-service never learned " + cityId + ": " + last.statusCode() + " " + last.body());
    }

    private void pledge(String resident) {
        HttpResponse<String> pledged = services.post(RunningSystem.PLEDGE, "/api/v1/cities/" + cityId + "/pledges", """
                {"stakeholderType":"HOUSEHOLD","actionCode":"%s","quantity":600}""".formatted(ACTION),
                Map.of("Authorization", bearer("role=resident&sub=" + resident), "Idempotency-Key", UUID.randomUUID().toString()));
        expect(pledged, resident + "'s pledge");
    }

    private static void expect(HttpResponse<String> response, String what) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(what + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** The city page's live stream, read as a page's script would: has a contribution event come? */
    private final class LiveUpdates implements AutoCloseable {

        private final CompletableFuture<Void> contribution = new CompletableFuture<>();
        private final CompletableFuture<HttpResponse<Stream<String>>> stream;

        LiveUpdates() {
            stream = http.sendAsync(HttpRequest.newBuilder(URI.create(webUrl() + "/live/cities/" + cityId))
                            .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines())
                    .whenComplete((response, failure) -> {
                        if (response != null) {
                            Thread reader = new Thread(() -> {
                                try (Stream<String> lines = response.body()) {
                                    lines.filter(line -> line.matches("event:\\s*contribution")).findFirst()
                                            .ifPresent(line -> contribution.complete(null));
                                } catch (RuntimeException closed) {
                                    // closed by close()
                                }
                            }, "live-updates-" + cityId);
                            reader.setDaemon(true);
                            reader.start();
                        }
                    });
        }

        boolean sawContribution(Duration within) {
            try {
                contribution.get(within.toMillis(), TimeUnit.MILLISECONDS);
                return true;
            } catch (TimeoutException notYet) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }

        @Override
        public void close() {
            stream.thenAccept(response -> response.body().close());
            stream.cancel(true);
        }
    }

    @Override
    public void close() {
        List<ChildProcess> all = List.copyOf(processes.values());
        all.forEach(ChildProcess::expectExit);
        all.forEach(process -> process.stop(30));
        if (services != null) {
            services.close();
        }
    }
}
