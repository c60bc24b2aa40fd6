package org.citypromise.system;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.citypromise.backbone.Backbone;
import org.citypromise.backbone.Tokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citypromise.system.RunningSystem.AGGREGATION;
import static org.citypromise.system.RunningSystem.INVENTORY;
import static org.citypromise.system.RunningSystem.PLEDGE;
import static org.citypromise.system.RunningSystem.WEB;

/**
 * The dashboards and alerts of deploy/observability read only metrics that the services and the web site really
 * expose: after a small scenario that touches every path they watch (a city with an inventory and a target,
 * accepted, replayed and rejected pledges, a poison record dead-lettered, the views updated and
 * published, the site's home and city pages), every metric name they use is on at least one
 * /actuator/prometheus page.
 */
class MetricCoverageTest extends ServicesOnBackbone {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> SERVICES = List.of(PLEDGE, INVENTORY, AGGREGATION);
    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static final Duration KAFKA_METRICS_REFRESH = Duration.ofSeconds(75);
    private static final Path PAGES = Path.of("target", "metric-coverage");

    @Test
    void everyMetricTheDashboardsAndAlertsReadIsExposedByAService() throws Exception {
        MonitoredMetrics monitored = MonitoredMetrics.load();
        String cityId = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
        system.startWeb();

        created(system.put(INVENTORY, "/api/v1/cities/" + cityId,
                "{\"name\":\"Metric City\",\"countryCode\":\"PH\",\"population\":500000}"));
        created(system.put(INVENTORY, "/api/v1/cities/" + cityId + "/inventories/2022",
                "{\"gwpSet\":\"AR5\",\"rows\":[{\"gpcRef\":\"I.1.2\",\"tco2e\":27000},{\"gpcRef\":\"II.1.1\",\"tco2e\":9000}]}"));
        created(system.put(INVENTORY, "/api/v1/cities/" + cityId + "/target",
                "{\"type\":\"FIXED_LEVEL\",\"targetYear\":2050,\"targetLevelTco2e\":0}"));

        String key = pledge(cityId, "HOUSEHOLD", "COOKING_LPG_REDUCTION", "120");
        pledge(cityId, "SCHOOL", "GENERATOR_DIESEL_REDUCTION", "500");
        pledge(cityId, "INDIVIDUAL", "CAR_GASOLINE_REDUCTION", "300");
        assertThat(system.post(PLEDGE, "/api/v1/cities/" + cityId + "/pledges",
                "{\"stakeholderType\":\"HOUSEHOLD\",\"actionCode\":\"COOKING_LPG_REDUCTION\",\"quantity\":120}",
                Map.of("Idempotency-Key", key)).statusCode()).as("a replay").isIn(200, 201);
        assertThat(system.post(PLEDGE, "/api/v1/cities/" + cityId + "/pledges",
                "{\"stakeholderType\":\"HOUSEHOLD\",\"actionCode\":\"COOKING_LPG_REDUCTION\",\"quantity\":-1}",
                Map.of()).statusCode()).as("an invalid pledge").isEqualTo(400);
        assertThat(system.post(PLEDGE, "/api/v1/cities/nowhere-" + cityId + "/pledges",
                "{\"stakeholderType\":\"HOUSEHOLD\",\"actionCode\":\"COOKING_LPG_REDUCTION\",\"quantity\":1}",
                Map.of()).statusCode()).as("a pledge for an unknown city").isEqualTo(404);

        long deadLettersBefore = deadLetters();
        sendPoison(cityId);

        await("the view of " + cityId + " holding its 3 pledges", () -> {
            HttpResponse<String> view = system.get(AGGREGATION, "/api/v1/cities/" + cityId + "/contributions");
            return view.statusCode() == 200 && JSON.readTree(view.body()).path("pledgeCount").asLong() == 3;
        });
        await("the poison record dead-lettered", () -> deadLetters() > deadLettersBefore);
        RunningSystem.pause(1000); // the snapshot publisher's next turn (every 250 ms)
        // the site's pages, which call the three services
        assertThat(system.get(WEB, "/en/").statusCode()).as("the site's home page").isEqualTo(200);
        assertThat(system.get(WEB, "/en/cities/" + cityId).statusCode()).as("the site's city page").isEqualTo(200);

        // Micrometer registers a Kafka client's per-partition metrics (records-lag) at its next refresh of
        // the client's metrics, up to a minute after the partitions' first fetch: look again until then.
        long deadline = System.nanoTime() + KAFKA_METRICS_REFRESH.toNanos();
        Set<String> missing = monitored.missingFrom(scrape());
        while (!missing.isEmpty() && System.nanoTime() < deadline) {
            RunningSystem.pause(2000);
            missing = monitored.missingFrom(scrape());
        }
        assertThat(missing)
                .as("metrics that deploy/observability reads but no service or the site exposes (%d of %d):%n%s",
                        missing.size(), monitored.names().size(), missing.stream()
                                .map(name -> "  " + name + family(name) + "\n      read by " + monitored.usedBy(name))
                                .collect(Collectors.joining("\n")))
                .isEmpty();
    }

    /**
     * Prometheus asks for OpenMetrics, where an exemplar is allowed only on a counter's {@code _total} and a
     * histogram's buckets; a Prometheus before 2.43 (Debian 12's) refuses the whole scrape for one anywhere
     * else, e.g. on a histogram's {@code _count}, which Micrometer writes when trace exemplars are on.
     */
    @Test
    void pagesInOpenMetricsCarryExemplarsOnlyWhereOlderPrometheusAcceptsThem() {
        for (String service : SERVICES) {
            HttpResponse<String> page = system.get(service, "/actuator/prometheus",
                    Map.of("Accept", "application/openmetrics-text;version=1.0.0;charset=utf-8"));
            assertThat(page.statusCode()).as(service + " /actuator/prometheus").isEqualTo(200);
            assertThat(page.body().lines().filter(line -> line.contains(" # {"))
                    .filter(line -> !line.matches("^[a-zA-Z_:][a-zA-Z0-9_:]*(_bucket|_total)\\{.*")))
                    .as(service + ": exemplars on samples other than buckets and counters").isEmpty();
        }
    }

    /**
     * The jars as deployed: a scrape needs the monitoring role (the scrapes above send Prometheus's token, got by
     * client credentials: {@link org.citypromise.backbone.ActingUser}); health stays public for the probes.
     */
    @Test
    void scrapesWantTheMonitoringRoleAndHealthIsPublic() {
        for (String service : SERVICES) {
            HttpResponse<String> anonymous = system.get(service, "/actuator/prometheus", Map.of("Authorization", ""));
            assertThat(anonymous.statusCode()).as(service + " /actuator/prometheus without a token").isEqualTo(401);
            assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(system.get(service, "/actuator/metrics",
                    Map.of("Authorization", Tokens.resident("alice"))).statusCode()).as(service + " as a resident").isEqualTo(403);
            assertThat(system.get(service, "/actuator/metrics").statusCode()).as(service + " as monitoring").isEqualTo(200);
            assertThat(system.get(service, "/actuator/health/readiness", Map.of("Authorization", "")).statusCode())
                    .as(service + " readiness without a token").isEqualTo(200);
        }
    }

    /**
     * The sample names on the three services' pages and the site's (which it serves to this machine without a
     * token); each page kept in target/metric-coverage/ to look at.
     */
    private static Set<String> scrape() throws IOException {
        Set<String> exposed = new TreeSet<>();
        Files.createDirectories(PAGES);
        for (String service : Stream.concat(SERVICES.stream(), Stream.of(WEB)).toList()) {
            HttpResponse<String> page = system.get(service, "/actuator/prometheus");
            assertThat(page.statusCode()).as(service + " /actuator/prometheus").isEqualTo(200);
            Files.writeString(PAGES.resolve(service + ".prom"), page.body());
            exposed.addAll(MonitoredMetrics.exposed(page.body()));
        }
        return exposed;
    }

    private static String family(String name) {
        String family = MonitoredMetrics.family(name);
        return family.equals(name) ? "" : "  (of " + family + ")";
    }

    private static void created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
    }

    /**
     * Pledges with an idempotency key, retrying while pledge-service has not yet learned the city (404) or
     * its factors (422) from inventory-events; returns the key.
     */
    private static String pledge(String cityId, String stakeholderType, String action, String quantity) {
        String key = UUID.randomUUID().toString();
        String body = "{\"stakeholderType\":\"%s\",\"actionCode\":\"%s\",\"quantity\":%s}"
                .formatted(stakeholderType, action, quantity);
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (true) {
            HttpResponse<String> response = system.post(PLEDGE, "/api/v1/cities/" + cityId + "/pledges", body,
                    Map.of("Idempotency-Key", key));
            if (response.statusCode() == 201) {
                return key;
            }
            assertThat(response.statusCode()).as(response.body()).isIn(404, 422);
            assertThat(System.nanoTime()).as("pledge-service never learned city " + cityId).isLessThan(deadline);
            RunningSystem.pause(200);
        }
    }

    /** A record on pledge-events that claims to be a pledge but is no JSON: aggregation-service dead-letters it. */
    private static void sendPoison(String cityId) throws Exception {
        try (var producer = new KafkaProducer<String, byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Backbone.get().kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            var record = new ProducerRecord<String, byte[]>("pledge-events", cityId,
                    "this is not JSON".getBytes(StandardCharsets.UTF_8));
            Map.of("ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(),
                    "ce_source", "/citypromise/metric-coverage-test",
                    "ce_type", "org.citypromise.pledge.pledge-submitted.v1",
                    "ce_subject", "pledges/" + UUID.randomUUID(), "ce_time", "2026-11-24T11:00:00Z",
                    "content-type", "application/json")
                    .forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
            producer.send(record).get(30, TimeUnit.SECONDS);
        }
    }

    /** How many records aggregation-service-dlt holds (the topic is shared by the runs on this broker). */
    private static long deadLetters() {
        HttpResponse<String> page = system.get(AGGREGATION, "/api/v1/admin/dead-letters?from=0&limit=1");
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        return JSON.readTree(page.body()).path("totalItems").asLong();
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void await(String what, Condition condition) throws Exception {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never saw " + what + " within " + WITHIN);
            }
            RunningSystem.pause(200);
        }
    }
}
