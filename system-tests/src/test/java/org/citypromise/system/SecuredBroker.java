package org.citypromise.system;

import org.citypromise.local.ChildProcess;
import org.citypromise.local.KafkaBroker;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the tests of the services on an authenticating broker share: the broker as a process of the test's
 * own, a pledge's way through all three services, and the services' logs of this run.
 */
final class SecuredBroker {

    static final String USER = "citypromise";
    static final String INVENTORY = "inventory-service";
    static final String PLEDGE = "pledge-service";
    static final String AGGREGATION = "aggregation-service";
    static final List<String> SERVICES = List.of(INVENTORY, PLEDGE, AGGREGATION);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SecuredBroker() {
    }

    static KafkaBroker broker(Path dir, Path log) {
        return new KafkaBroker("127.0.0.1", RunningSystem.freePort(), RunningSystem.freePort(), dir.resolve("kafka"), log,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), System.getProperty("java.class.path"));
    }

    /** Starts the broker, waits until it listens and grants the services' user its ACLs. */
    static ChildProcess start(KafkaBroker broker) throws IOException {
        ChildProcess process = broker.prepare().start();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", broker.port()), 500);
                break;
            } catch (IOException notYet) {
                assertThat(process.isAlive()).as(process.name() + " running:\n" + process.tail(20)).isTrue();
                assertThat(System.nanoTime()).as(process.name() + " listening on " + broker.port()).isLessThan(deadline);
                RunningSystem.pause(200);
            }
        }
        broker.authorizeClient();
        return process;
    }

    /** Registers a city, pledges in it, and returns the city's view once it counts the pledge. */
    static JsonNode pledgeReachesItsView(RunningSystem system) {
        String cityId = "pasig-city-" + UUID.randomUUID().toString().substring(0, 6);
        HttpResponse<String> city = system.put(INVENTORY, "/api/v1/cities/" + cityId,
                "{\"name\":\"Pasig City\",\"countryCode\":\"PH\",\"population\":803159}");
        assertThat(city.statusCode()).as(city.body()).isEqualTo(201);
        String body = "{\"stakeholderType\":\"HOUSEHOLD\",\"actionCode\":\"COOKING_LPG_REDUCTION\",\"quantity\":120}";
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpResponse<String> response = system.post(PLEDGE, "/api/v1/cities/" + cityId + "/pledges", body, key);
            if (response.statusCode() == 201) {
                break;
            }
            // 404 until pledge-service learned the city from inventory-events
            assertThat(response.statusCode()).as(response.body()).isIn(404, 422);
            assertThat(System.nanoTime()).as("pledge-service never learned city " + cityId).isLessThan(deadline);
            RunningSystem.pause(200);
        }
        JsonNode view = awaitView(system, cityId);
        assertThat(view.get("pledgedTco2ePerYear").decimalValue()).isEqualByComparingTo("0.358156");
        return view;
    }

    static JsonNode awaitView(RunningSystem system, String cityId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = system.get(AGGREGATION, "/api/v1/cities/" + cityId + "/contributions");
            if (response.statusCode() == 200) {
                last = JSON.readTree(response.body());
                if (last.get("pledgeCount").asLong() == 1) {
                    return last;
                }
            }
            RunningSystem.pause(200);
        }
        throw new AssertionError("the view of " + cityId + " never counted the pledge; last seen: " + last);
    }

    /** The services' logs are appended across runs: where each stands now, to read only what follows. */
    static Map<String, Long> logPositions() throws IOException {
        Map<String, Long> positions = new HashMap<>();
        for (String service : SERVICES) {
            Path log = serviceLog(service);
            positions.put(service, Files.exists(log) ? Files.size(log) : 0L);
        }
        return positions;
    }

    static String logSince(String service, Map<String, Long> positions) throws IOException {
        byte[] all = Files.readAllBytes(serviceLog(service));
        int from = positions.get(service).intValue();
        return new String(all, from, all.length - from, StandardCharsets.UTF_8);
    }

    private static Path serviceLog(String service) {
        return Path.of("target", "system-logs", service + ".log");
    }

    static void stop(RunningSystem system, ChildProcess broker) {
        if (system != null) {
            system.close();
        }
        if (broker != null) {
            broker.stop(30);
        }
    }
}
