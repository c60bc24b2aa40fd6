package org.citypromise.system;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.citypromise.backbone.Backbone;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citypromise.system.RunningSystem.AGGREGATION;
import static org.citypromise.system.RunningSystem.INVENTORY;
import static org.citypromise.system.RunningSystem.PLEDGE;

/**
 * The whole system end to end: the three services as real processes, talking only through Kafka,
 * seen by a client over HTTP. The aggregation-service is killed (SIGKILL) and restarted on the way.
 */
class WholeSystemTest extends ServicesOnBackbone {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static String registerCity(String name, String country) {
        return registerCity(name, country, Map.of());
    }

    private static String registerCity(String name, String country, Map<String, String> headers) {
        String cityId = name.toLowerCase().replace(' ', '-') + "-" + UUID.randomUUID().toString().substring(0, 6);
        HttpResponse<String> response = system.put(INVENTORY, "/api/v1/cities/" + cityId,
                "{\"name\":\"" + name + "\",\"countryCode\":\"" + country + "\",\"population\":1000000}", headers);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return cityId;
    }

    /**
     * Pledges with an idempotency key, retrying while pledge-service has not yet learned the city (404) or
     * its grid factor (422) from inventory-events: the key makes every retry safe.
     */
    private static JsonNode pledge(String cityId, String stakeholderType, String action, String quantity) {
        return pledge(cityId, stakeholderType, action, quantity, Map.of());
    }

    private static JsonNode pledge(String cityId, String stakeholderType, String action, String quantity,
                                   Map<String, String> headers) {
        Map<String, String> withKey = new java.util.HashMap<>(headers);
        withKey.put("Idempotency-Key", UUID.randomUUID().toString());
        String body = "{\"stakeholderType\":\"%s\",\"actionCode\":\"%s\",\"quantity\":%s}"
                .formatted(stakeholderType, action, quantity);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpResponse<String> response = system.post(PLEDGE, "/api/v1/cities/" + cityId + "/pledges", body, withKey);
            if (response.statusCode() == 201) {
                return JSON.readTree(response.body());
            }
            // 404 until it learned the city; 422 until it learned the city's grid factor, for electricity actions
            assertThat(response.statusCode()).as(response.body()).isIn(404, 422);
            assertThat(System.nanoTime()).as("pledge-service never learned city " + cityId).isLessThan(deadline);
            RunningSystem.pause(200);
        }
    }

    private static JsonNode awaitContributions(String cityId, Predicate<JsonNode> done) {
        return system.awaitContributions(cityId, done, Duration.ofSeconds(60));
    }

    @Test
    void aPledgeFlowsFromTheClientToItsCitysView() {
        String cityId = registerCity("Pasig City", "PH");
        JsonNode pledge = pledge(cityId, "HOUSEHOLD", "COOKING_LPG_REDUCTION", "120");
        assertThat(pledge.get("estimatedTco2ePerYear").decimalValue()).isEqualByComparingTo("0.358156");

        JsonNode view = awaitContributions(cityId, v -> v.get("pledgeCount").asLong() == 1);
        assertThat(view.get("name").asString()).isEqualTo("Pasig City");
        assertThat(view.get("countryCode").asString()).isEqualTo("PH");
        assertThat(view.get("pledgedTco2ePerYear").decimalValue()).isEqualByComparingTo("0.358156");
    }

    /**
     * A client's W3C trace context (as a browser or mobile SDK sends it) travels with the change: the
     * pledge's trace id is in pledge-service's log, in aggregation-service's (the view update) and on the
     * city's aggregate event; the city registration's is in all three services' logs (pledge-service
     * learns the city from inventory-events).
     */
    @Test
    void aClientsTraceIdIsLoggedByEveryServiceItCrossesAndTravelsOnToTheAggregateEvent() {
        String registrationTrace = HexFormat.of().formatHex(randomBytes(16));
        String cityId = registerCity("Hanoi", "VN", Map.of("traceparent", traceparent(registrationTrace)));
        String pledgeTrace = HexFormat.of().formatHex(randomBytes(16));
        pledge(cityId, "INDIVIDUAL", "COOKING_LPG_REDUCTION", "40", Map.of("traceparent", traceparent(pledgeTrace)));
        awaitContributions(cityId, v -> v.get("pledgeCount").asLong() == 1);

        awaitLogged(INVENTORY, registrationTrace);
        awaitLogged(PLEDGE, registrationTrace);       // it learns the city from inventory-events
        awaitLogged(AGGREGATION, registrationTrace);
        awaitLogged(PLEDGE, pledgeTrace);
        awaitLogged(AGGREGATION, pledgeTrace);

        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Backbone.get().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "trace-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            consumer.subscribe(List.of("city-contributions"));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            List<String> seen = new java.util.ArrayList<>();
            while (seen.stream().noneMatch(traceparent -> traceparent.contains(pledgeTrace))) {
                assertThat(System.nanoTime()).as("no snapshot of " + cityId + " in the pledge's trace " + pledgeTrace
                        + "; traceparents seen: " + seen).isLessThan(deadline);
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    Header header = record.headers().lastHeader("traceparent");
                    if (cityId.equals(record.key()) && header != null) {
                        seen.add(new String(header.value(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
    }

    private static String traceparent(String traceId) {
        return "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01";
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new java.security.SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static void awaitLogged(String service, String traceId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!system.log(service).contains(traceId)) {
            assertThat(System.nanoTime()).as(service + " never logged trace " + traceId).isLessThan(deadline);
            RunningSystem.pause(200);
        }
    }

    @Test
    void aCrashedAggregationServiceCatchesUpWithoutLosingOrDoubleCountingAPledge() {
        String cityId = registerCity("Hanoi", "VN");
        pledge(cityId, "SCHOOL", "GENERATOR_DIESEL_REDUCTION", "2500.5");        // 7.967343 t
        awaitContributions(cityId, v -> v.get("pledgeCount").asLong() == 1);

        system.kill(AGGREGATION);
        pledge(cityId, "INDIVIDUAL", "CAR_GASOLINE_REDUCTION", "300");           // 0.920997 t
        pledge(cityId, "HOUSEHOLD", "COOKING_LPG_REDUCTION", "120");             // 0.358156 t
        system.start(AGGREGATION);
        system.awaitHealthy(AGGREGATION);

        JsonNode view = awaitContributions(cityId, v -> v.get("pledgeCount").asLong() >= 3);
        // Give a double count the chance to show, then look again.
        RunningSystem.pause(2000);
        view = awaitContributions(cityId, v -> true);
        assertThat(view.get("pledgeCount").asLong()).isEqualTo(3);
        assertThat(view.get("pledgedTco2ePerYear").decimalValue()).isEqualByComparingTo("9.246496");
        assertThat(view.get("participantCount").asLong()).isEqualTo(1);
        // one participant: every group of the public breakdowns is too small to show (counted, not shown)
        assertThat(view.get("byStakeholderType").isEmpty()).isTrue();
        assertThat(view.get("bySector").isEmpty()).isTrue();
    }

    @Test
    void refusedRequestsAreProblemsNamingTheFieldAndLeaveNoTrace() {
        String cityId = registerCity("Jakarta", "ID");
        pledge(cityId, "BUSINESS", "GENERATOR_DIESEL_REDUCTION", "1000");          // 3.1863 t, and the city is known
        HttpResponse<String> negative = system.post(PLEDGE, "/api/v1/cities/" + cityId + "/pledges",
                "{\"stakeholderType\":\"HOUSEHOLD\",\"actionCode\":\"COOKING_LPG_REDUCTION\",\"quantity\":-1}", Map.of());
        assertThat(negative.statusCode()).isEqualTo(400);
        assertThat(negative.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(negative.body()).at("/errors/0/field").asString()).isEqualTo("quantity");

        HttpResponse<String> unknownCity = system.post(PLEDGE, "/api/v1/cities/nowhere-" + cityId + "/pledges",
                "{\"stakeholderType\":\"HOUSEHOLD\",\"actionCode\":\"COOKING_LPG_REDUCTION\",\"quantity\":1}", Map.of());
        assertThat(unknownCity.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknownCity.body()).at("/errors/0/field").asString()).isEqualTo("cityId");

        HttpResponse<String> badCity = system.put(INVENTORY, "/api/v1/cities/" + cityId, "{\"name\":\"Jakarta\"}");
        assertThat(badCity.statusCode()).isEqualTo(400);
        assertThat(badCity.body()).contains("\"field\":\"countryCode\"", "\"field\":\"population\"");

        // A later valid pledge shows that the view holds exactly the one accepted before.
        pledge(cityId, "BUSINESS", "GENERATOR_DIESEL_REDUCTION", "1000");
        JsonNode view = awaitContributions(cityId, v -> v.get("pledgeCount").asLong() >= 2);
        assertThat(view.get("pledgeCount").asLong()).isEqualTo(2);
        assertThat(view.get("pledgedTco2ePerYear").decimalValue()).isEqualByComparingTo("6.3726");
        assertThat(system.get(AGGREGATION, "/api/v1/cities/nowhere-" + cityId + "/contributions").statusCode())
                .isEqualTo(404);
    }

    @Test
    void inventoriesTargetsFactorsAndPledgesOfTwoCitiesInTwoCountriesAddUpToHandComputedFigures() {
        String seoul = registerCity("Seoul", "KR");
        String osaka = registerCity("Osaka", "JP");
        // Seoul: base year 2005 BASIC 40,000 t; latest 2022 BASIC 36,000 t; -40% by 2030 allows 24,000 t: gap 12,000 t
        assertThat(system.put(INVENTORY, "/api/v1/cities/" + seoul + "/inventories/2005",
                "{\"gwpSet\":\"AR5\",\"rows\":[{\"gpcRef\":\"I.1.2\",\"tco2e\":30000},{\"gpcRef\":\"II.1.1\",\"tco2e\":10000}]}")
                .statusCode()).isEqualTo(201);
        assertThat(system.put(INVENTORY, "/api/v1/cities/" + seoul + "/inventories/2022",
                "{\"gwpSet\":\"AR5\",\"rows\":[{\"gpcRef\":\"I.1.2\",\"tco2e\":27000},{\"gpcRef\":\"II.1.1\",\"tco2e\":9000}]}")
                .statusCode()).isEqualTo(201);
        assertThat(system.put(INVENTORY, "/api/v1/cities/" + seoul + "/target",
                "{\"type\":\"BASE_YEAR\",\"baseYear\":2005,\"targetYear\":2030,\"reductionPercent\":40}").statusCode())
                .isEqualTo(200);
        assertThat(system.put(INVENTORY, "/api/v1/cities/" + seoul + "/emission-factors",
                "{\"factors\":[{\"code\":\"GRID_ELECTRICITY\",\"value\":0.5,\"unit\":\"kgCO2e/kWh\","
                        + "\"source\":\"test grid factor\",\"year\":2024}]}").statusCode()).isEqualTo(200);
        // Osaka: latest 2023 BASIC 5,000 t; net zero by 2050: gap 5,000 t
        assertThat(system.put(INVENTORY, "/api/v1/cities/" + osaka + "/inventories/2023",
                "{\"gwpSet\":\"AR6\",\"rows\":[{\"gpcRef\":\"III.1.1\",\"gases\":{\"CH4\":100,\"CO2\":2210}}]}")
                .statusCode()).isEqualTo(201);     // 100 x 27.9 + 2,210 = 5,000 t
        assertThat(system.put(INVENTORY, "/api/v1/cities/" + osaka + "/target",
                "{\"type\":\"FIXED_LEVEL\",\"targetYear\":2050,\"targetLevelTco2e\":0}").statusCode()).isEqualTo(200);

        // Seoul: 20,000 kWh x 0.5 = 10 t (the city's grid factor) + 1,000 kg LPG x 2.98463 = 2.98463 t
        pledge(seoul, "BUSINESS", "BUSINESS_ELECTRICITY_SAVING", "20000");
        pledge(seoul, "HOUSEHOLD", "COOKING_LPG_REDUCTION", "1000");
        // Osaka: 500 kg diesel x 3.1863 = 1.59315 t
        pledge(osaka, "SCHOOL", "GENERATOR_DIESEL_REDUCTION", "500");

        JsonNode seoulView = awaitContributions(seoul, v -> v.get("pledgeCount").asLong() == 2
                && !v.get("gapCoveragePercent").isNull());
        assertThat(seoulView.get("pledgedTco2ePerYear").decimalValue()).isEqualByComparingTo("12.98463");
        assertThat(seoulView.at("/latestInventory/year").asInt()).isEqualTo(2022);
        assertThat(seoulView.get("targetEmissionsTco2e").decimalValue()).isEqualByComparingTo("24000");
        assertThat(seoulView.get("targetGapTco2e").decimalValue()).isEqualByComparingTo("12000");
        // 12.98463 / 12,000 = 0.108205...% -> 0.11
        assertThat(seoulView.get("gapCoveragePercent").decimalValue()).isEqualByComparingTo("0.11");

        JsonNode osakaView = awaitContributions(osaka, v -> v.get("pledgeCount").asLong() == 1
                && !v.get("gapCoveragePercent").isNull());
        assertThat(osakaView.get("targetGapTco2e").decimalValue()).isEqualByComparingTo("5000");
        // 1.59315 / 5,000 = 0.031863% -> 0.03
        assertThat(osakaView.get("gapCoveragePercent").decimalValue()).isEqualByComparingTo("0.03");

        // A country is the sum of its cities' views (other test classes' cities share the topics: Seoul's
        // 12.98463 t is checked above, here that the roll-up adds up whatever KR and JP hold)
        java.util.List<JsonNode> everyCity = everyCity();
        JsonNode korea = JSON.readTree(system.get(AGGREGATION, "/api/v1/countries/KR/contributions").body());
        assertThat(korea.get("cityCount").asInt()).isEqualTo(of(everyCity, "KR").size());
        assertThat(korea.get("pledgedTco2ePerYear").decimalValue())
                .isEqualByComparingTo(sum(of(everyCity, "KR"), "pledgedTco2ePerYear"));
        JsonNode japan = JSON.readTree(system.get(AGGREGATION, "/api/v1/countries/JP/contributions").body());
        assertThat(japan.get("pledgedTco2ePerYear").decimalValue())
                .isEqualByComparingTo(sum(of(everyCity, "JP"), "pledgedTco2ePerYear"));

        // The world is every city of this run: the sum of their views, computed here independently.
        JsonNode world = JSON.readTree(system.get(AGGREGATION, "/api/v1/contributions/global").body());
        assertThat(world.get("cityCount").asInt()).isEqualTo(everyCity.size());
        assertThat(world.get("pledgedTco2ePerYear").decimalValue()).isEqualByComparingTo(sum(everyCity, "pledgedTco2ePerYear"));
        // summed gaps of Seoul and Osaka are among the world's
        assertThat(world.get("targetGapTco2e").decimalValue()).isGreaterThanOrEqualTo(new java.math.BigDecimal("17000"));

        // Seoul publishes a new grid factor: its pledges are restated at once, the as-pledged figures kept.
        // 20,000 kWh x 0.4 = 8 t, + 2.98463 t of LPG (no city LPG factor: as pledged) = 10.98463 t
        assertThat(seoulView.get("restatedTco2ePerYear").decimalValue()).isEqualByComparingTo("12.98463");
        assertThat(system.put(INVENTORY, "/api/v1/cities/" + seoul + "/emission-factors",
                "{\"factors\":[{\"code\":\"GRID_ELECTRICITY\",\"value\":0.4,\"unit\":\"kgCO2e/kWh\","
                        + "\"source\":\"test grid factor, revised\",\"year\":2025}]}").statusCode()).isEqualTo(200);
        JsonNode restated = awaitContributions(seoul, v -> v.get("restatedTco2ePerYear").decimalValue()
                .compareTo(new java.math.BigDecimal("12.98463")) != 0);
        assertThat(restated.get("restatedTco2ePerYear").decimalValue()).isEqualByComparingTo("10.98463");
        assertThat(restated.get("pledgedTco2ePerYear").decimalValue()).isEqualByComparingTo("12.98463");
        // the gap's coverage follows: 10.98463 / 12,000 = 0.0915...% -> 0.09 (it was 0.11)
        assertThat(restated.get("gapCoveragePercent").decimalValue()).isEqualByComparingTo("0.09");
        JsonNode koreaRestated = JSON.readTree(system.get(AGGREGATION, "/api/v1/countries/KR/contributions").body());
        assertThat(koreaRestated.get("restatedTco2ePerYear").decimalValue())
                .isEqualByComparingTo(sum(of(everyCity(), "KR"), "restatedTco2ePerYear"))
                .isNotEqualByComparingTo(korea.get("restatedTco2ePerYear").decimalValue());
    }

    /** Every city view, as the list of all views gives them, a page at a time. */
    private static java.util.List<JsonNode> everyCity() {
        java.util.List<JsonNode> cities = new java.util.ArrayList<>();
        JsonNode page;
        int number = 0;
        do {
            page = JSON.readTree(system.get(AGGREGATION, "/api/v1/cities/contributions?size=200&page=" + number++).body());
            page.get("items").forEach(cities::add);
        } while (page.get("items").size() == 200);
        return cities;
    }

    private static java.util.List<JsonNode> of(java.util.List<JsonNode> cities, String countryCode) {
        return cities.stream().filter(city -> countryCode.equals(city.path("countryCode").asString(null))).toList();
    }

    private static java.math.BigDecimal sum(java.util.List<JsonNode> views, String field) {
        return views.stream().map(view -> view.get(field).decimalValue()).reduce(java.math.BigDecimal.ZERO,
                java.math.BigDecimal::add);
    }
}
