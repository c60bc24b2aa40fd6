package org.citypromise.system;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.citypromise.local.ChildProcess;
import org.citypromise.local.KafkaBroker;
import org.citypromise.local.StoreServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citypromise.system.RunningSystem.AGGREGATION;
import static org.citypromise.system.RunningSystem.INVENTORY;
import static org.citypromise.system.RunningSystem.PLEDGE;
import static org.citypromise.system.RunningSystem.awaitListening;

/**
 * Every process of the system killed with SIGKILL in turn — the store, the broker, pledge-service,
 * inventory-service, aggregation-service, twice over — at random moments while residents pledge and a city
 * publishes inventories over HTTP. Clients retry with their idempotency keys, as real ones do, until they
 * are answered. Then every acknowledged pledge must be in pledge-service, on pledge-events and in its city's
 * view exactly once, and every acknowledged inventory in inventory-service and behind the city's view.
 */
class EveryProcessKilledTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> IN_TURN = List.of("store", "kafka", PLEDGE, INVENTORY, AGGREGATION);
    private static final int ROUNDS = 2;
    private static final int RESIDENTS = 4;

    private static final Path LOGS = Path.of("target", "system-logs");
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final String CLASSPATH = System.getProperty("java.class.path");

    /** A pledge as its 201 told the resident. */
    private record Acknowledged(String id, String cityId, BigDecimal estimate) {
    }

    private final Map<String, Acknowledged> pledges = new ConcurrentHashMap<>();
    /** Each inventory year's last acknowledged publication: its I.1.2 row is 30,000 t + the publication's number. */
    private final Map<Integer, Integer> inventories = new ConcurrentHashMap<>();
    private final AtomicInteger inventoriesAcknowledged = new AtomicInteger();
    private final AtomicInteger retried = new AtomicInteger();
    private final AtomicBoolean streaming = new AtomicBoolean(true);

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void nothingAcknowledgedIsLostOrCountedTwiceWhicheverProcessDies(@TempDir Path dir) throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        System.out.println("[kill] seed " + seed);
        KafkaBroker broker = new KafkaBroker("127.0.0.1", RunningSystem.freePort(), RunningSystem.freePort(),
                dir.resolve("kafka"), LOGS.resolve("killed-all-kafka.log"), JAVA, CLASSPATH);
        int storePort = RunningSystem.freePort();
        ChildProcess store = new ChildProcess("store", List.of(JAVA, "-Xmx256m", "-XX:+UseSerialGC", "-cp", CLASSPATH,
                StoreServer.class.getName(), dir.resolve("store/citypromise.mv").toString(), "127.0.0.1",
                Integer.toString(storePort)), Map.of(), LOGS.resolve("killed-all-store.log"));
        ChildProcess kafka = null;
        RunningSystem system = null;
        ExecutorService clients = Executors.newFixedThreadPool(RESIDENTS + 1);
        try {
            awaitListening(store.start(), storePort);
            kafka = awaitListening(broker.prepare().start(), broker.port());
            system = new RunningSystem(broker.bootstrapServers(), database -> "mongodb://127.0.0.1:" + storePort + "/"
                    + database).start();
            RunningSystem services = system;
            String hanoi = registerCity(services, "Hanoi", "VN");
            String pasig = registerCity(services, "Pasig City", "PH");
            List<String> cities = List.of(hanoi, pasig);

            List<Future<?>> running = new ArrayList<>();
            for (int r = 0; r < RESIDENTS; r++) {
                long residentSeed = seed + r;
                running.add(clients.submit(() -> pledgeUntilStopped(services, cities, new Random(residentSeed))));
            }
            running.add(clients.submit(() -> publishInventoriesUntilStopped(services, hanoi)));

            long begin = System.nanoTime();
            int kills = 0;
            for (int round = 0; round < ROUNDS; round++) {
                for (String victim : IN_TURN) {
                    RunningSystem.pause(2_000 + random.nextInt(4_000));
                    for (Future<?> client : running) {
                        if (client.isDone()) {
                            client.get(); // a client that gave up: its failure, now rather than after every kill
                        }
                    }
                    kills++;
                    System.out.printf("[kill] %2d: kill -9 %-19s at %5.1f s; %4d pledges, %2d inventories acknowledged%n",
                            kills, victim, (System.nanoTime() - begin) / 1e9, pledges.size(), inventoriesAcknowledged.get());
                    switch (victim) {
                        case "store" -> {
                            store.kill();
                            RunningSystem.pause(random.nextInt(2_000));
                            awaitListening(store.start(), storePort);
                        }
                        case "kafka" -> {
                            kafka.kill();
                            RunningSystem.pause(random.nextInt(2_000));
                            kafka = awaitListening(broker.prepare().start(), broker.port());
                        }
                        default -> {
                            services.kill(victim);
                            RunningSystem.pause(random.nextInt(2_000));
                            services.start(victim);
                            services.awaitHealthy(victim);
                        }
                    }
                }
            }
            RunningSystem.pause(3_000); // requests after the last restart, too
            streaming.set(false);
            for (Future<?> client : running) {
                client.get(3, TimeUnit.MINUTES);
            }
            System.out.printf("[kill] %d kills; %d pledges and %d inventories acknowledged (%d requests retried after"
                    + " a failure)%n", kills, pledges.size(), inventoriesAcknowledged.get(), retried.get());
            assertThat(kills).isGreaterThanOrEqualTo(10);
            assertThat(pledges).as("pledges acknowledged while processes died").hasSizeGreaterThan(50);

            Set<String> acknowledged = pledges.keySet();
            Set<String> stored = new HashSet<>();
            for (String city : cities) {
                stored.addAll(pledgeIdsIn(services, city));
            }
            assertThat(stored).as("pledge-service's records").containsExactlyInAnyOrderElementsOf(acknowledged);
            System.out.printf("[kill] pledge-service holds %d pledges: each acknowledged one, no other%n", stored.size());

            Set<String> published = pledgeIdsOnTopic(broker.bootstrapServers(), acknowledged);
            assertThat(published).as("pledges on pledge-events").containsExactlyInAnyOrderElementsOf(acknowledged);
            System.out.printf("[kill] pledge-events carries %d pledges: each acknowledged one, no other%n", published.size());

            for (String city : cities) {
                List<Acknowledged> ofCity = pledges.values().stream().filter(p -> p.cityId().equals(city)).toList();
                BigDecimal pledged = ofCity.stream().map(Acknowledged::estimate).reduce(BigDecimal.ZERO, BigDecimal::add);
                JsonNode view = services.awaitContributions(city, v -> v.get("pledgeCount").asLong() == ofCity.size()
                        && v.get("pledgedTco2ePerYear").decimalValue().compareTo(pledged) == 0
                        && (!city.equals(hanoi) || v.at("/latestInventory/year").asInt() == latestYear()),
                        Duration.ofMinutes(3));
                RunningSystem.pause(2_000); // a late double count would show now
                view = services.awaitContributions(city, v -> true, Duration.ofSeconds(10));
                assertThat(view.get("pledgeCount").asLong()).as(city + "'s view").isEqualTo(ofCity.size());
                assertThat(view.get("pledgedTco2ePerYear").decimalValue()).isEqualByComparingTo(pledged);
                System.out.printf("[kill] %s's view counts %d pledges, %s tCO2e/yr: as acknowledged%n", city,
                        ofCity.size(), pledged.toPlainString());
            }
            inventories.forEach((year, publication) -> {
                HttpResponse<String> inventory = services.get(INVENTORY, "/api/v1/cities/" + hanoi + "/inventories/" + year);
                assertThat(inventory.statusCode()).as("acknowledged inventory " + year).isEqualTo(200);
                assertThat(JSON.readTree(inventory.body()).at("/totals/basic").decimalValue()).as("inventory " + year
                        + " as last acknowledged").isEqualByComparingTo(BigDecimal.valueOf(40_000 + publication));
            });
            System.out.printf("[kill] inventory-service holds the last acknowledged publication of each of %d years;"
                    + " the view's latest inventory is %d%n", inventories.size(), latestYear());
        } finally {
            streaming.set(false);
            clients.shutdownNow();
            if (system != null) {
                system.close();
            }
            if (kafka != null) {
                kafka.stop(30);
            }
            store.stop(30);
        }
    }

    private int latestYear() {
        return inventories.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    /** A resident pledging again and again; each pledge retried with its key until it is answered. */
    private void pledgeUntilStopped(RunningSystem system, List<String> cities, Random random) {
        while (streaming.get()) {
            String city = cities.get(random.nextInt(cities.size()));
            String body = "{\"stakeholderType\":\"HOUSEHOLD\",\"actionCode\":\"COOKING_LPG_REDUCTION\",\"quantity\":"
                    + (1 + random.nextInt(500)) + "}";
            Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
            JsonNode pledge = JSON.readTree(untilAnswered(() -> system.post(PLEDGE, "/api/v1/cities/" + city + "/pledges",
                    body, key), 201));
            pledges.put(pledge.get("id").asString(), new Acknowledged(pledge.get("id").asString(), city,
                    pledge.get("estimatedTco2ePerYear").decimalValue()));
        }
    }

    /**
     * A city officer publishing inventories of 2020 to 2026 over and over (each publication of a year a new version
     * of it), each retried until it is answered.
     */
    private void publishInventoriesUntilStopped(RunningSystem system, String cityId) {
        for (int publication = 0; streaming.get(); publication++) {
            int year = 2020 + publication % 7;
            String body = "{\"gwpSet\":\"AR5\",\"rows\":[{\"gpcRef\":\"I.1.2\",\"tco2e\":" + (30_000 + publication)
                    + "},{\"gpcRef\":\"II.1.1\",\"tco2e\":10000}]}";
            String path = "/api/v1/cities/" + cityId + "/inventories/" + year;
            untilAnswered(() -> system.put(INVENTORY, path, body), 201, 200);
            inventories.put(year, publication);
            inventoriesAcknowledged.incrementAndGet();
            RunningSystem.pause(300);
        }
    }

    /**
     * Sends until the service answers with one of {@code expected}: a refused connection, a timeout or a 5xx
     * while a process is down are retried, as a client with an idempotency key does; anything else fails.
     */
    private String untilAnswered(java.util.function.Supplier<HttpResponse<String>> request, int... expected) {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        boolean failedBefore = false;
        while (true) {
            try {
                HttpResponse<String> response = request.get();
                for (int status : expected) {
                    if (response.statusCode() == status) {
                        if (failedBefore) {
                            retried.incrementAndGet();
                        }
                        return response.body();
                    }
                }
                assertThat(response.statusCode()).as(response.body()).isGreaterThanOrEqualTo(500);
            } catch (IllegalStateException down) {
                // not listening, or no answer in time: the process is down or restarting
            }
            failedBefore = true;
            assertThat(System.nanoTime()).as("a request answered within 3 minutes").isLessThan(deadline);
            RunningSystem.pause(250);
        }
    }

    private static String registerCity(RunningSystem system, String name, String country) {
        String cityId = name.toLowerCase().replace(' ', '-') + "-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(system.put(INVENTORY, "/api/v1/cities/" + cityId,
                "{\"name\":\"" + name + "\",\"countryCode\":\"" + country + "\",\"population\":1000000}").statusCode())
                .isEqualTo(201);
        // pledge-service learns the city from inventory-events: until then it answers 404
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (system.get(PLEDGE, "/api/v1/cities/" + cityId + "/pledges?size=1").statusCode() != 200
                || system.get(AGGREGATION, "/api/v1/cities/" + cityId + "/contributions").statusCode() != 200) {
            assertThat(System.nanoTime()).as(cityId + " known to pledge- and aggregation-service").isLessThan(deadline);
            RunningSystem.pause(250);
        }
        return cityId;
    }

    /** A city's pledges as pledge-service lists them to its officer, every page. */
    private static Set<String> pledgeIdsIn(RunningSystem system, String cityId) {
        Set<String> ids = new HashSet<>();
        for (int page = 0; ; page++) {
            JsonNode body = JSON.readTree(system.get(PLEDGE, "/api/v1/cities/" + cityId + "/pledges?size=200&page="
                    + page).body());
            body.path("items").forEach(pledge -> assertThat(ids.add(pledge.get("id").asString()))
                    .as("listed once: " + pledge.get("id")).isTrue());
            if (body.path("items").size() < 200) {
                return ids;
            }
        }
    }

    /**
     * Every pledge that a pledge-submitted event on pledge-events announces: read until each acknowledged one has
     * come (the outbox relay publishes behind the 201s, and catches up after a restart), then to the end.
     */
    private static Set<String> pledgeIdsOnTopic(String bootstrapServers, Set<String> acknowledged) {
        Set<String> ids = new HashSet<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor("pledge-events").stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
            while (!ids.containsAll(acknowledged) && System.nanoTime() < deadline) {
                take(consumer.poll(Duration.ofMillis(500)), ids);
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                take(consumer.poll(Duration.ofMillis(500)), ids);
            }
        }
        return ids;
    }

    private static void take(Iterable<ConsumerRecord<String, byte[]>> records, Set<String> ids) {
        for (ConsumerRecord<String, byte[]> record : records) {
            var type = record.headers().lastHeader("ce_type");
            if (type != null && new String(type.value()).contains("pledge-submitted")) {
                ids.add(JSON.readTree(record.value()).get("pledgeId").asString());
            }
        }
    }
}
