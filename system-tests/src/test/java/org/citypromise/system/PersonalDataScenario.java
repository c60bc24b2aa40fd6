package org.citypromise.system;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.citypromise.backbone.Tokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citypromise.system.RunningSystem.INVENTORY;
import static org.citypromise.system.RunningSystem.PLEDGE;

/**
 * The realistic scenario of {@link PersonalDataScanTest}: cities with inventories, targets and factors; residents
 * pledging under their names and contacts (Korean, Vietnamese, Filipino), some for a member of their household;
 * progress, withdrawals, one resident erasing their personal data; played until every view counts it all and its
 * snapshots are out on city-contributions.
 */
final class PersonalDataScenario {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();

    record Resident(String subject, String displayName, String contact, String participantRef, String cityId,
                    List<Pledge> pledges) {
    }

    record Pledge(String id, BigDecimal quantity, long version) {
    }

    private final RunningSystem system;
    /** The residents' names by city id, in the order the cities were registered. */
    final Map<String, List<String>> names = new LinkedHashMap<>();
    final List<Resident> residents = new ArrayList<>();
    /** The resident who erased their personal data. */
    Resident erased;

    PersonalDataScenario(RunningSystem system) {
        this.system = system;
    }

    Set<String> cityIds() {
        return names.keySet();
    }

    /** Plays the scenario, checking on the way what the erasure and the views answer. */
    void play() {
        String seoul = registerCity("Seoul", "KR", 9386034);
        String hanoi = registerCity("Hanoi", "VN", 8435700);
        String pasig = registerCity("Pasig City", "PH", 803159);
        put(INVENTORY, "/api/v1/cities/" + seoul + "/inventories/2005",
                "{\"gwpSet\":\"AR5\",\"rows\":[{\"gpcRef\":\"I.1.2\",\"tco2e\":30000},{\"gpcRef\":\"II.1.1\",\"tco2e\":10000}]}", 201);
        put(INVENTORY, "/api/v1/cities/" + seoul + "/inventories/2022",
                "{\"gwpSet\":\"AR5\",\"rows\":[{\"gpcRef\":\"I.1.2\",\"tco2e\":27000},{\"gpcRef\":\"II.1.1\",\"tco2e\":9000}]}", 201);
        put(INVENTORY, "/api/v1/cities/" + seoul + "/target",
                "{\"type\":\"BASE_YEAR\",\"baseYear\":2005,\"targetYear\":2030,\"reductionPercent\":40}", 200);
        put(INVENTORY, "/api/v1/cities/" + seoul + "/emission-factors", gridFactor("0.5", 2024), 200);
        put(INVENTORY, "/api/v1/cities/" + hanoi + "/inventories/2020",
                "{\"gwpSet\":\"AR5\",\"rows\":[{\"gpcRef\":\"I.1.2\",\"tco2e\":50000},{\"gpcRef\":\"II.1.1\",\"tco2e\":20000}]}", 201);
        put(INVENTORY, "/api/v1/cities/" + hanoi + "/target",
                "{\"type\":\"FIXED_LEVEL\",\"targetYear\":2050,\"targetLevelTco2e\":0}", 200);
        put(INVENTORY, "/api/v1/cities/" + hanoi + "/emission-factors", gridFactor("0.6", 2023), 200);
        put(INVENTORY, "/api/v1/cities/" + pasig + "/inventories/2023",
                "{\"gwpSet\":\"AR6\",\"rows\":[{\"gpcRef\":\"III.1.1\",\"gases\":{\"CH4\":100,\"CO2\":2210}}]}", 201);
        put(INVENTORY, "/api/v1/cities/" + pasig + "/target",
                "{\"type\":\"FIXED_LEVEL\",\"targetYear\":2030,\"targetLevelTco2e\":1000}", 200);

        names.put(seoul, List.of("김지우", "이서연네 가족", "박민준", "Choi Yuna", "정하은 & 정도윤",
                "Kang Min-seo's household", "한지민", "윤서준 (서울숲 아파트)"));
        names.put(hanoi, List.of("Nguyễn Thị Lan", "Trần Văn Hùng", "Phạm Minh Châu", "Lê Hoàng Yến", "Võ Thị Sáu",
                "Đặng Quốc Bảo", "Bùi Thu Trang", "Hoàng Đức Anh"));
        names.put(pasig, List.of("Juan dela Cruz", "María Clara Santos-Reyes", "José Rizal Mercado", "Ligaya Bautista",
                "Andrés Bonifacio Jr.", "Gabriela Silang's sari-sari store", "Ramón Magsaysay",
                "Corazón Aquino-Villanueva"));
        Map<String, String> countryCodes = Map.of(seoul, "82", hanoi, "84", pasig, "63");

        Map<String, int[]> expected = new HashMap<>();        // city -> {pledges, withdrawn, fulfilled}
        // the resident who will erase their data: two pledges, for a member of their household
        String toErase = "Trần Văn Hùng";
        int n = 0;
        for (Map.Entry<String, List<String>> city : names.entrySet()) {
            String cityId = city.getKey();
            expected.put(cityId, new int[3]);
            for (String name : city.getValue()) {
                n++;
                String subject = "resident-" + UUID.randomUUID();
                String contact = n % 3 == 0
                        ? "+" + countryCodes.get(cityId) + " " + digits(3) + " " + digits(3) + " " + digits(4)
                        : mailbox(name, n) + "@" + (n % 2 == 0 ? "Example.org" : "mail.example.net");
                String participantRef = n % 3 == 1 || name.equals(toErase) ? "hh-member-" + UUID.randomUUID() : null;
                Resident resident = new Resident(subject, name, contact, participantRef, cityId, new ArrayList<>());
                residents.add(resident);
                boolean electricityKnown = !cityId.equals(pasig);
                resident.pledges().add(pledge(resident, n % 2 == 0 ? "HOUSEHOLD" : "INDIVIDUAL",
                        n % 2 == 0 ? "COOKING_LPG_REDUCTION" : "CAR_GASOLINE_REDUCTION", 40 + 10 * n));
                expected.get(cityId)[0]++;
                if (n % 4 == 2 || name.equals(toErase)) {
                    resident.pledges().add(pledge(resident, electricityKnown ? "HOUSEHOLD" : "BUSINESS",
                            electricityKnown ? "HOME_ELECTRICITY_SAVING" : "GENERATOR_DIESEL_REDUCTION", 500 + 25 * n));
                    expected.get(cityId)[0]++;
                }
            }
        }
        erased = residents.stream().filter(r -> r.displayName().equals(toErase)).findFirst().orElseThrow();

        // progress: every third resident's first pledge half done; the first of each city's fulfilled
        Set<String> fulfilledCities = new HashSet<>();
        for (int i = 0; i < residents.size(); i++) {
            Resident resident = residents.get(i);
            Pledge first = resident.pledges().get(0);
            if (i % 3 == 0 || resident == erased) {
                boolean fulfil = resident != erased && fulfilledCities.add(resident.cityId());
                BigDecimal achieved = fulfil ? first.quantity() : first.quantity().divide(BigDecimal.valueOf(2));
                JsonNode changed = change(resident, first, "/progress",
                        "{\"achievedQuantity\":" + achieved.toPlainString() + "}");
                resident.pledges().set(0, new Pledge(first.id(), first.quantity(), changed.get("version").asLong()));
                if (fulfil) {
                    assertThat(changed.get("status").asString()).isEqualTo("FULFILLED");
                    expected.get(resident.cityId())[2]++;
                }
            } else if (i % 5 == 1) {
                change(resident, first, "/withdrawal", "");
                expected.get(resident.cityId())[1]++;
            }
        }

        // the erasure
        HttpResponse<String> erasure = system.delete(PLEDGE, "/api/v1/me/personal-data",
                Map.of("Authorization", Tokens.resident(erased.subject())));
        assertThat(erasure.statusCode()).as(erasure.body()).isEqualTo(200);
        assertThat(JSON.readTree(erasure.body()).get("pledgesAnonymised").asLong()).isEqualTo(erased.pledges().size());
        for (Pledge pledge : erased.pledges()) {
            assertThat(system.get(PLEDGE, "/api/v1/pledges/" + pledge.id(),
                    Map.of("Authorization", Tokens.resident(erased.subject()))).statusCode())
                    .as("the erased resident no longer owns their pledge").isIn(403, 404);
            HttpResponse<String> asOfficer = system.get(PLEDGE, "/api/v1/pledges/" + pledge.id(),
                    Map.of("Authorization", Tokens.officer(erased.cityId())));
            assertThat(asOfficer.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(asOfficer.body()).get("displayName").isNull()).isTrue();
            assertThat(JSON.readTree(asOfficer.body()).get("contact").isNull()).isTrue();
        }

        // the views count every pledge, and their snapshots went out
        Map<String, JsonNode> views = new LinkedHashMap<>();
        for (String cityId : names.keySet()) {
            int[] counts = expected.get(cityId);
            views.put(cityId, awaitContributions(cityId, v -> v.get("pledgeCount").asLong() == counts[0]
                    && v.at("/countsByStatus/WITHDRAWN").asLong() == counts[1]
                    && v.at("/countsByStatus/FULFILLED").asLong() == counts[2]));
        }
        // erased or not, every participant is still counted, once: each resident pledged as one participant
        Map<String, Long> participants = residents.stream().collect(Collectors.groupingBy(Resident::cityId,
                Collectors.counting()));
        participants.forEach((cityId, count) -> assertThat(views.get(cityId).get("participantCount").asLong())
                .as("participants of " + cityId).isEqualTo(count));
        awaitSnapshots(views);
    }

    private String registerCity(String name, String country, long population) {
        String cityId = name.toLowerCase().replace(' ', '-') + "-" + UUID.randomUUID().toString().substring(0, 6);
        put(INVENTORY, "/api/v1/cities/" + cityId,
                "{\"name\":\"" + name + "\",\"countryCode\":\"" + country + "\",\"population\":" + population + "}", 201);
        return cityId;
    }

    private void put(String service, String path, String body, int status) {
        HttpResponse<String> response = system.put(service, path, body);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(status);
    }

    private String gridFactor(String value, int year) {
        return "{\"factors\":[{\"code\":\"GRID_ELECTRICITY\",\"value\":" + value + ",\"unit\":\"kgCO2e/kWh\","
                + "\"source\":\"test grid factor\",\"year\":" + year + "}]}";
    }

    private String digits(int count) {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < count; i++) {
            digits.append(RANDOM.nextInt(10));
        }
        return digits.toString();
    }

    /** An e-mail local part from the name, ASCII, with a few capitals (the scan is case-insensitive). */
    private String mailbox(String name, int n) {
        String ascii = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").replace('đ', 'd').replace('Đ', 'D').replaceAll("[^A-Za-z]+", ".")
                .replaceAll("^\\.|\\.$", "");
        return (ascii.isEmpty() ? "Resident" : ascii) + "." + Integer.toHexString(RANDOM.nextInt(0x100000, 0xffffff))
                + (n % 2 == 0 ? "" : "+Pledges");
    }

    /** Pledges as the resident, with their name and contact; retries while pledge-service has not learned the city. */
    private Pledge pledge(Resident resident, String stakeholderType, String action, int quantity) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("stakeholderType", stakeholderType);
        body.put("actionCode", action);
        body.put("quantity", quantity);
        body.put("displayName", resident.displayName());
        body.put("contact", resident.contact());
        if (resident.participantRef() != null) {
            body.put("participantRef", resident.participantRef());
        }
        Map<String, String> headers = Map.of("Authorization", Tokens.resident(resident.subject()),
                "Idempotency-Key", UUID.randomUUID().toString());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpResponse<String> response = system.post(PLEDGE, "/api/v1/cities/" + resident.cityId() + "/pledges",
                    JSON.writeValueAsString(body), headers);
            if (response.statusCode() == 201) {
                JsonNode pledge = JSON.readTree(response.body());
                assertThat(pledge.get("displayName").asString()).isEqualTo(resident.displayName());
                assertThat(pledge.get("contact").asString()).isEqualTo(resident.contact());
                return new Pledge(pledge.get("id").asString(), pledge.get("quantity").decimalValue(),
                        pledge.get("version").asLong());
            }
            assertThat(response.statusCode()).as(response.body()).isIn(404, 422);
            assertThat(System.nanoTime()).as("pledge-service never learned " + resident.cityId()).isLessThan(deadline);
            RunningSystem.pause(200);
        }
    }

    private JsonNode change(Resident resident, Pledge pledge, String what, String body) {
        HttpResponse<String> response = system.post(PLEDGE, "/api/v1/pledges/" + pledge.id() + what, body,
                Map.of("Authorization", Tokens.resident(resident.subject()), "If-Match", "\"" + pledge.version() + "\""));
        assertThat(response.statusCode()).as(what + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private JsonNode awaitContributions(String cityId, Predicate<JsonNode> done) {
        return system.awaitContributions(cityId, done, Duration.ofSeconds(90));
    }

    /** Waits until city-contributions carries, for each city, a snapshot with what its view now shows. */
    private void awaitSnapshots(Map<String, JsonNode> views) {
        Map<String, JsonNode> latest = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = PersonalDataSources.consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor("city-contributions").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!views.entrySet().stream().allMatch(view -> latest.containsKey(view.getKey())
                    && latest.get(view.getKey()).at("/contribution/pledgeCount").asLong() == view.getValue().get("pledgeCount").asLong()
                    && latest.get(view.getKey()).at("/contribution/countsByStatus").equals(view.getValue().get("countsByStatus")))) {
                assertThat(System.nanoTime()).as("snapshots of " + views.keySet() + "; latest seen: " + latest)
                        .isLessThan(deadline);
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
                    if (views.containsKey(key) && record.value() != null) {
                        latest.put(key, JSON.readTree(record.value()));
                    }
                }
            }
        }
    }
}
