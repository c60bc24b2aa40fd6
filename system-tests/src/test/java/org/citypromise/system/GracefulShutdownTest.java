package org.citypromise.system;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citypromise.system.RunningSystem.AGGREGATION;
import static org.citypromise.system.RunningSystem.INVENTORY;
import static org.citypromise.system.RunningSystem.PLEDGE;

/**
 * pledge-service stopped as an orchestrator stops it (SIGTERM) while clients keep pledging: every pledge
 * it acknowledged reaches the city's view exactly once, including those still in its outbox when it
 * stopped; a client whose request got no answer retries it with the same Idempotency-Key after the
 * restart, and that pledge too is counted once.
 */
class GracefulShutdownTest extends ServicesOnBackbone {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String BODY = "{\"stakeholderType\":\"HOUSEHOLD\",\"actionCode\":\"COOKING_LPG_REDUCTION\",\"quantity\":5}";

    @Test
    void aSigtermedPledgeServiceLosesNoAcknowledgedPledgeAndRetriesCountOnce() throws InterruptedException {
        String cityId = "jakarta-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(system.put(INVENTORY, "/api/v1/cities/" + cityId,
                "{\"name\":\"Jakarta\",\"countryCode\":\"ID\",\"population\":10562088}").statusCode()).isEqualTo(201);
        String path = "/api/v1/cities/" + cityId + "/pledges";
        Set<String> pledged = ConcurrentHashMap.newKeySet();
        // until pledge-service has learned the city from inventory-events
        String first = UUID.randomUUID().toString();
        while (!submit(path, first, pledged)) {
            RunningSystem.pause(200);
        }

        Queue<String> unanswered = new ConcurrentLinkedQueue<>();
        List<String> refusals = new ArrayList<>();
        AtomicBoolean clientsRun = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 4; i++) {
            clients.submit(() -> {
                while (clientsRun.get()) {
                    String key = UUID.randomUUID().toString();
                    try {
                        HttpResponse<String> response = system.post(PLEDGE, path, BODY, Map.of("Idempotency-Key", key));
                        if (response.statusCode() == 201) {
                            pledged.add(JSON.readTree(response.body()).get("id").asString());
                        } else {
                            synchronized (refusals) {
                                refusals.add(response.statusCode() + " " + response.headers().firstValue("Content-Type")
                                        .orElse("") + " " + response.body());
                            }
                            unanswered.add(key);
                        }
                    } catch (IllegalStateException noAnswer) {
                        unanswered.add(key); // refused, reset or cut off: the client cannot know, so it retries
                        RunningSystem.pause(50);
                    }
                }
            });
        }
        RunningSystem.pause(2000);
        int beforeStop = pledged.size();
        system.terminate(PLEDGE);
        clientsRun.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        int acknowledged = pledged.size();

        system.start(PLEDGE);
        system.awaitHealthy(PLEDGE);
        for (String key : unanswered) {
            assertThat(submit(path, key, pledged)).as("retry of " + key).isTrue();
        }

        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long counted = -1;
        while (counted != pledged.size() && System.nanoTime() < deadline) {
            RunningSystem.pause(300);
            HttpResponse<String> view = system.get(AGGREGATION, "/api/v1/cities/" + cityId + "/contributions");
            counted = view.statusCode() == 200 ? JSON.readTree(view.body()).get("pledgeCount").asLong() : -1;
        }
        System.out.printf("[graceful] %d pledges acknowledged before SIGTERM was sent, %d in all by the stop, "
                + "%d requests without an answer retried after the restart; view counts %d%n", beforeStop,
                acknowledged, unanswered.size(), counted);
        assertThat(beforeStop).as("pledges taken while the clients ran").isGreaterThan(1);
        // While stopping, pledge-service answered what it had taken in and refused the rest: no answer of the
        // application's but 201 (a 503 is retried like no answer). Tomcat's own 400 for bytes it could not parse
        // is let through: a request it refused with 503 while paused, without reading its body, can leave that
        // body on a kept-alive connection, to be read as the next request line. The client retries such a
        // request under its key like any unanswered one, and the count below shows it counted once.
        System.out.println("[graceful] answers other than 201 during the stop: " + refusals);
        assertThat(refusals).as("answers other than 201 during the stop").allMatch(refusal -> refusal.startsWith("503 ")
                || (refusal.startsWith("400 ") && !refusal.contains("application/problem+json")));
        assertThat(counted).as("the city's pledge count: every pledge acknowledged, once").isEqualTo(pledged.size());
    }

    /** One submission (or a retry of it under the same key); true if pledge-service took it. */
    private static boolean submit(String path, String key, Set<String> pledged) {
        HttpResponse<String> response = system.post(PLEDGE, path, BODY, Map.of("Idempotency-Key", key));
        if (response.statusCode() != 201) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(404); // city not learned yet
            return false;
        }
        pledged.add(JSON.readTree(response.body()).get("id").asString());
        return true;
    }
}
