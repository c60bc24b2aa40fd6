package org.citypromise.system;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.bson.ByteBuf;
import org.bson.RawBsonDocument;
import org.citypromise.backbone.Backbone;
import org.citypromise.backbone.Tokens;
import org.citypromise.system.PersonalDataScanner.Hit;
import org.citypromise.system.PersonalDataScanner.Needle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 6, acceptance 3: after a realistic scenario — cities with inventories, targets and factors; residents
 * pledging under their names and contacts (Korean, Vietnamese, Filipino), some for a member of their household;
 * progress, withdrawals, one resident erasing their personal data — a scan of every record of every topic of the
 * broker (internal ones too), every document of every database of the store but pledge-service's own, every
 * public answer of aggregation-service and the services' logs finds no name, contact, participant reference or
 * account (token subject) of any participant. The same scanner finds them in pledge-service's {@code pledges}
 * collection (it does work), except those of the resident who erased theirs: found nowhere at all.
 */
class PersonalDataScanTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String INVENTORY = "inventory-service";
    private static final String PLEDGE = "pledge-service";
    private static final String AGGREGATION = "aggregation-service";
    private static final Path LOGS = Path.of("target", "system-logs");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Everywhere outside pledge-service: it must hold none of the personal values. */
    static final String OUTSIDE = "outside pledge-service";
    /** pledge-service's pledges collection: the positive control. */
    static final String PLEDGES = "pledge-service pledges collection";
    static final String PLEDGE_OTHER = "pledge-service other collections";
    /** What pledge-service shows a city's officers: names and contacts, but not those erased. */
    static final String PLEDGE_ANSWERS = "pledge-service officer answers";
    private static final String CONTROL = "cityId (control)";

    private static RunningSystem system;
    /** The participants named by this run's pledge events. */
    private static final Set<String> participantIds = new java.util.TreeSet<>();
    /** How long each log file was before this test: only what it appends is of this run. */
    private static final Map<Path, Long> logsBefore = new HashMap<>();

    record Resident(String subject, String displayName, String contact, String participantRef, String cityId,
                    List<Pledge> pledges) {
    }

    record Pledge(String id, BigDecimal quantity, long version) {
    }

    @BeforeAll
    static void start() throws IOException {
        if (Files.isDirectory(LOGS)) {
            try (Stream<Path> files = Files.list(LOGS)) {
                for (Path file : files.toList()) {
                    logsBefore.put(file.toAbsolutePath(), Files.size(file));
                }
            }
        }
        system = new RunningSystem().start();
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void noNameContactReferenceOrAccountOfAnyParticipantIsOnAnyTopicViewAnswerOrLogOutsidePledgeService()
            throws Exception {
        // --- the scenario ------------------------------------------------------------------------------------
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

        Map<String, List<String>> names = new LinkedHashMap<>();
        names.put(seoul, List.of("김지우", "이서연네 가족", "박민준", "Choi Yuna", "정하은 & 정도윤",
                "Kang Min-seo's household", "한지민", "윤서준 (서울숲 아파트)"));
        names.put(hanoi, List.of("Nguyễn Thị Lan", "Trần Văn Hùng", "Phạm Minh Châu", "Lê Hoàng Yến", "Võ Thị Sáu",
                "Đặng Quốc Bảo", "Bùi Thu Trang", "Hoàng Đức Anh"));
        names.put(pasig, List.of("Juan dela Cruz", "María Clara Santos-Reyes", "José Rizal Mercado", "Ligaya Bautista",
                "Andrés Bonifacio Jr.", "Gabriela Silang's sari-sari store", "Ramón Magsaysay",
                "Corazón Aquino-Villanueva"));
        Map<String, String> countryCodes = Map.of(seoul, "82", hanoi, "84", pasig, "63");

        List<Resident> residents = new ArrayList<>();
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
        Resident erased = residents.stream().filter(r -> r.displayName().equals(toErase)).findFirst().orElseThrow();

        // progress: every third resident's first pledge half done; the first of each city's fulfilled
        Set<String> fulfilledCities = new java.util.HashSet<>();
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

        // --- the scan ----------------------------------------------------------------------------------------
        PersonalDataScanner scanner = new PersonalDataScanner();
        for (Resident resident : residents) {
            String owner = resident.subject() + (resident == erased ? " (erased)" : "");
            boolean gone = resident == erased;
            scanner.lookFor(new Needle(owner, "displayName", resident.displayName(), gone));
            scanner.lookFor(new Needle(owner, "contact", resident.contact(), gone));
            scanner.lookFor(new Needle(owner, "subject", resident.subject(), gone));
            if (resident.participantRef() != null) {
                scanner.lookFor(new Needle(owner, "participantRef", resident.participantRef(), gone));
            }
        }
        for (String cityId : names.keySet()) {
            scanner.lookFor(new Needle("-", CONTROL, cityId, false));
        }
        selfTest(residents);

        Map<String, Long> recordsPerTopic = scanTopics(scanner, names.keySet());
        Map<String, Long> documentsPerCollection = scanStore(scanner, system.database(PLEDGE));
        scanAggregationAnswers(scanner, names.keySet());
        for (String cityId : names.keySet()) {
            scanPledgeAnswers(scanner, cityId);
        }
        Map<String, Long> logBytes = scanLogs(scanner);

        // --- the summary -------------------------------------------------------------------------------------
        String summary = summary(scanner, recordsPerTopic, documentsPerCollection, logBytes, residents, erased);
        System.out.println(summary);
        Files.writeString(Path.of("target", "personal-data-scan.txt"), summary, StandardCharsets.UTF_8);

        // --- the verdict -------------------------------------------------------------------------------------
        List<Hit> outside = personal(scanner.hitsIn(OUTSIDE));
        assertThat(outside).as("personal data outside pledge-service:\n" + lines(outside)).isEmpty();

        List<Hit> erasedHits = scanner.hits().stream().filter(hit -> hit.needle().erased()).toList();
        assertThat(erasedHits).as("the erased resident's data, anywhere:\n" + lines(erasedHits)).isEmpty();

        List<Hit> references = scanner.hits().stream().filter(hit -> hit.needle().kind().equals("participantRef")).toList();
        assertThat(references).as("participant references are not even stored (pledge-service README):\n"
                + lines(references)).isEmpty();

        // outside, participants are known by their pseudonym only: one each, whatever they erased
        assertThat(participantIds).as("participantIds on pledge-events").hasSize(residents.size())
                .allMatch(id -> id.matches("dev1:[0-9a-f]{64}"));

        // the positive control: the scanner finds what pledge-service does keep, where it keeps it
        Map<String, Set<String>> inPledges = scanner.foundIn(PLEDGES);
        Map<String, Set<String>> inAnswers = scanner.foundIn(PLEDGE_ANSWERS);
        for (Resident resident : residents) {
            if (resident == erased) {
                continue;
            }
            assertThat(inPledges.getOrDefault("displayName", Set.of())).as("control: names in pledges")
                    .contains(resident.displayName());
            assertThat(inPledges.getOrDefault("contact", Set.of())).as("control: contacts in pledges")
                    .contains(resident.contact());
            assertThat(inPledges.getOrDefault("subject", Set.of())).as("control: owners in pledges")
                    .contains(resident.subject());
            assertThat(inAnswers.getOrDefault("displayName", Set.of())).as("control: names shown to officers")
                    .contains(resident.displayName());
            assertThat(inAnswers.getOrDefault("contact", Set.of())).as("control: contacts shown to officers")
                    .contains(resident.contact());
        }
        // ... and that every kind of source outside was really read: each city's id is in each of them
        for (String source : List.of("topic pledge-events", "topic inventory-events", "topic city-contributions",
                "aggregation-service HTTP", "log " + AGGREGATION + ".log", "log " + PLEDGE + ".log",
                "log " + INVENTORY + ".log")) {
            for (String cityId : names.keySet()) {
                assertThat(scanner.hitsIn(OUTSIDE)).as("control: " + cityId + " found in " + source)
                        .anyMatch(hit -> hit.needle().kind().equals(CONTROL) && hit.needle().value().equals(cityId)
                                && hit.location().startsWith(source + " / "));
            }
        }
        for (String cityId : names.keySet()) {
            assertThat(scanner.hitsIn(OUTSIDE)).as("control: " + cityId + " found in aggregation-service's database")
                    .anyMatch(hit -> hit.needle().value().equals(cityId)
                            && hit.location().startsWith("db " + system.database(AGGREGATION) + "."));
        }
    }

    // --- scenario helpers --------------------------------------------------------------------------------------

    private static String registerCity(String name, String country, long population) {
        String cityId = name.toLowerCase().replace(' ', '-') + "-" + UUID.randomUUID().toString().substring(0, 6);
        put(INVENTORY, "/api/v1/cities/" + cityId,
                "{\"name\":\"" + name + "\",\"countryCode\":\"" + country + "\",\"population\":" + population + "}", 201);
        return cityId;
    }

    private static void put(String service, String path, String body, int status) {
        HttpResponse<String> response = system.put(service, path, body);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(status);
    }

    private static String gridFactor(String value, int year) {
        return "{\"factors\":[{\"code\":\"GRID_ELECTRICITY\",\"value\":" + value + ",\"unit\":\"kgCO2e/kWh\","
                + "\"source\":\"test grid factor\",\"year\":" + year + "}]}";
    }

    private static String digits(int count) {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < count; i++) {
            digits.append(RANDOM.nextInt(10));
        }
        return digits.toString();
    }

    /** An e-mail local part from the name, ASCII, with a few capitals (the scan is case-insensitive). */
    private static String mailbox(String name, int n) {
        String ascii = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").replace('đ', 'd').replace('Đ', 'D').replaceAll("[^A-Za-z]+", ".")
                .replaceAll("^\\.|\\.$", "");
        return (ascii.isEmpty() ? "Resident" : ascii) + "." + Integer.toHexString(RANDOM.nextInt(0x100000, 0xffffff))
                + (n % 2 == 0 ? "" : "+Pledges");
    }

    /** Pledges as the resident, with their name and contact; retries while pledge-service has not learned the city. */
    private static Pledge pledge(Resident resident, String stakeholderType, String action, int quantity) {
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

    private static JsonNode change(Resident resident, Pledge pledge, String what, String body) {
        HttpResponse<String> response = system.post(PLEDGE, "/api/v1/pledges/" + pledge.id() + what, body,
                Map.of("Authorization", Tokens.resident(resident.subject()), "If-Match", "\"" + pledge.version() + "\""));
        assertThat(response.statusCode()).as(what + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode awaitContributions(String cityId, Predicate<JsonNode> done) {
        return system.awaitContributions(cityId, done, Duration.ofSeconds(90));
    }

    /** Waits until city-contributions carries, for each city, a snapshot with what its view now shows. */
    private static void awaitSnapshots(Map<String, JsonNode> views) {
        Map<String, JsonNode> latest = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
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

    // --- the scan ----------------------------------------------------------------------------------------------

    private static KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Backbone.get().kafkaBootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
    }

    /** Every record of every partition of every topic, internal ones too, from the first to the last. */
    private static Map<String, Long> scanTopics(PersonalDataScanner scanner, Set<String> cityIds)
            throws InterruptedException, ExecutionException {
        Map<String, TopicDescription> topics;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                Backbone.get().kafkaBootstrapServers()))) {
            Set<String> names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
            topics = new TreeMap<>(admin.describeTopics(names).allTopicNames().get());
        }
        Map<String, Long> records = new TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            for (TopicDescription topic : topics.values()) {
                String source = "topic " + topic.name();
                List<TopicPartition> partitions = topic.partitions().stream()
                        .map(p -> new TopicPartition(topic.name(), p.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
                long count = 0;
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                    assertThat(System.nanoTime()).as("reading " + topic.name() + " to " + ends).isLessThan(deadline);
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                        if (record.offset() >= ends.get(new TopicPartition(record.topic(), record.partition()))) {
                            continue;   // written after the scan began: not part of this scan
                        }
                        count++;
                        scanner.source(OUTSIDE, source).items++;
                        String at = record.partition() + "@" + record.offset();
                        scanner.scan(OUTSIDE, source, at + " key", record.key());
                        for (Header header : record.headers()) {
                            scanner.scan(OUTSIDE, source, at + " header " + header.key(),
                                    (header.key() + "=").getBytes(StandardCharsets.UTF_8));
                            scanner.scan(OUTSIDE, source, at + " header " + header.key(), header.value());
                        }
                        scanner.scan(OUTSIDE, source, at + " value", record.value());
                        if (topic.name().equals("pledge-events") && record.key() != null && record.value() != null
                                && cityIds.contains(new String(record.key(), StandardCharsets.UTF_8))) {
                            participantIds.add(JSON.readTree(record.value()).path("participantId").asString(""));
                        }
                    }
                }
                scanner.source(OUTSIDE, source);
                records.put(topic.name(), count);
            }
        }
        return records;
    }

    /** Every document of every collection of every database, the raw BSON; pledge-service's kept apart. */
    private static Map<String, Long> scanStore(PersonalDataScanner scanner, String pledgeDatabase) {
        Map<String, Long> documents = new TreeMap<>();
        try (MongoClient client = MongoClients.create(Backbone.get().mongoUri(""))) {
            for (String databaseName : client.listDatabaseNames()) {
                MongoDatabase database = client.getDatabase(databaseName);
                for (String collection : database.listCollectionNames()) {
                    String zone = !databaseName.equals(pledgeDatabase) ? OUTSIDE
                            : collection.equals("pledges") ? PLEDGES : PLEDGE_OTHER;
                    String source = "db " + databaseName + "." + collection;
                    scanner.source(zone, source);
                    long count = 0;
                    for (RawBsonDocument document : database.getCollection(collection, RawBsonDocument.class).find()) {
                        ByteBuf buffer = document.getByteBuffer();
                        byte[] bytes = new byte[buffer.remaining()];
                        buffer.get(bytes);
                        count++;
                        scanner.source(zone, source).items++;
                        scanner.scan(zone, source, "_id " + document.get("_id"), bytes);
                    }
                    documents.put(databaseName + "." + collection, count);
                }
            }
        }
        return documents;
    }

    private static void scanAggregationAnswers(PersonalDataScanner scanner, Set<String> cityIds) {
        List<String> paths = new ArrayList<>();
        cityIds.forEach(cityId -> paths.add("/api/v1/cities/" + cityId + "/contributions"));
        for (String country : List.of("KR", "VN", "PH")) {
            paths.add("/api/v1/countries/" + country + "/contributions");
        }
        paths.add("/api/v1/contributions/global");
        paths.add("/api/v1/admin/dead-letters?from=0&limit=200");
        paths.add("/api/v1/admin/rebuilds");
        paths.addAll(pages("/api/v1/cities/contributions"));
        for (String ranking : List.of("PLEDGED", "PER_CAPITA", "GAP_COVERAGE")) {
            paths.addAll(pages("/api/v1/leaderboard?sortBy=" + ranking));
        }
        for (String path : paths) {
            HttpResponse<String> response = system.get(AGGREGATION, path);
            assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
            scanner.source(OUTSIDE, "aggregation-service HTTP").items++;
            scanner.scan(OUTSIDE, "aggregation-service HTTP", "GET " + path,
                    response.body().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The pages of a paged aggregation-service list, 200 items each. */
    private static List<String> pages(String path) {
        List<String> pages = new ArrayList<>();
        String separator = path.contains("?") ? "&" : "?";
        long total = JSON.readTree(system.get(AGGREGATION, path + separator + "size=200&page=0").body())
                .get("totalItems").asLong();
        for (int page = 0; page == 0 || (long) page * 200 < total; page++) {
            pages.add(path + separator + "size=200&page=" + page);
        }
        return pages;
    }

    /** What pledge-service shows the city's officers: the control that names and contacts are kept (but not the erased). */
    private static void scanPledgeAnswers(PersonalDataScanner scanner, String cityId) {
        String path = "/api/v1/cities/" + cityId + "/pledges?size=200";
        HttpResponse<String> response = system.get(PLEDGE, path, Map.of("Authorization", Tokens.officer(cityId)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        scanner.source(PLEDGE_ANSWERS, "pledge-service HTTP (officer)").items++;
        scanner.scan(PLEDGE_ANSWERS, "pledge-service HTTP (officer)", "GET " + path,
                response.body().getBytes(StandardCharsets.UTF_8));
    }

    /** What every service instance logged during this test (the log files are appended to, run after run). */
    private static Map<String, Long> scanLogs(PersonalDataScanner scanner) throws IOException {
        Map<String, Long> scanned = new TreeMap<>();
        try (Stream<Path> files = Files.list(LOGS)) {
            for (Path file : files.sorted().toList()) {
                long from = logsBefore.getOrDefault(file.toAbsolutePath(), 0L);
                byte[] bytes;
                try (RandomAccessFile log = new RandomAccessFile(file.toFile(), "r")) {
                    long length = log.length();
                    bytes = new byte[(int) Math.max(0, length - from)];
                    log.seek(Math.min(from, length));
                    log.readFully(bytes);
                }
                String source = "log " + file.getFileName();
                scanner.source(OUTSIDE, source).items++;
                // line by line, so that a hit says which line
                String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
                for (int i = 0; i < lines.length; i++) {
                    scanner.scan(OUTSIDE, source, "line " + (i + 1), lines[i].getBytes(StandardCharsets.UTF_8));
                }
                scanned.put(file.getFileName().toString(), (long) bytes.length);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return scanned;
    }

    /** The scanner finds each personal value in each of the forms it claims to, e.g. JSON-escaped. */
    private static void selfTest(List<Resident> residents) {
        for (Resident resident : residents) {
            for (String value : List.of(resident.displayName(), resident.contact())) {
                PersonalDataScanner probe = new PersonalDataScanner();
                probe.lookFor(new Needle("probe", "displayName", value, false));
                String escaped = "{\"x\":\"" + PersonalDataScanner.jsonEscaped(value, false).toUpperCase() + "\"}";
                probe.scan("probe", "probe", "escaped", escaped.getBytes(StandardCharsets.UTF_8));
                probe.scan("probe", "probe", "upper case", value.toUpperCase().getBytes(StandardCharsets.UTF_8));
                probe.scan("probe", "probe", "url", java.net.URLEncoder.encode(value, StandardCharsets.UTF_8)
                        .getBytes(StandardCharsets.UTF_8));
                assertThat(probe.hits()).as("the scanner finds " + value + " escaped, upper-cased and URL-encoded")
                        .extracting(Hit::location).contains("probe / escaped", "probe / upper case", "probe / url");
            }
        }
    }

    private static List<Hit> personal(List<Hit> hits) {
        return hits.stream().filter(hit -> !hit.needle().kind().equals(CONTROL)).toList();
    }

    private static String lines(List<Hit> hits) {
        return hits.stream().limit(60).map(Hit::toString).collect(Collectors.joining("\n"))
                + (hits.size() > 60 ? "\n... and " + (hits.size() - 60) + " more" : "");
    }

    private static String summary(PersonalDataScanner scanner, Map<String, Long> recordsPerTopic,
                                  Map<String, Long> documentsPerCollection, Map<String, Long> logBytes,
                                  List<Resident> residents, Resident erased) {
        StringBuilder out = new StringBuilder("\n=== Personal data scan (issue 6, acceptance 3) ===\n");
        long personalNeedles = scanner.needles().stream().filter(needle -> !needle.kind().equals(CONTROL)).count();
        Map<String, Long> byKind = scanner.needles().stream().collect(Collectors.groupingBy(Needle::kind,
                TreeMap::new, Collectors.counting()));
        long controls = byKind.getOrDefault(CONTROL, 0L);
        byKind.remove(CONTROL);
        out.append(String.format("Scenario: %d cities, %d residents, %d pledges; erased resident %s (%d pledges)%n",
                controls, residents.size(),
                residents.stream().mapToInt(r -> r.pledges().size()).sum(), erased.subject(), erased.pledges().size()));
        out.append(String.format("Personal values searched: %d %s (+%d control values), %d forms in all%n",
                personalNeedles, byKind, controls, scanner.forms()));
        out.append("Topics (records):\n");
        recordsPerTopic.forEach((topic, count) -> out.append(String.format("  %-45s %8d records %10d bytes%n", topic,
                count, scanner.sources().get(OUTSIDE + "|topic " + topic).bytes)));
        out.append("Databases.collections (documents):\n");
        scanner.sources().values().stream().filter(source -> source.name.startsWith("db ")).forEach(source ->
                out.append(String.format("  %-60s %6d docs %10d bytes  [%s]%n", source.name.substring(3),
                        documentsPerCollection.get(source.name.substring(3)), source.bytes, source.zone)));
        scanner.sources().values().stream().filter(source -> source.name.contains("HTTP")).forEach(source ->
                out.append(String.format("%-62s %6d answers %8d bytes  [%s]%n", source.name, source.items,
                        source.bytes, source.zone)));
        out.append("Logs (appended during this test):\n");
        logBytes.forEach((file, bytes) -> out.append(String.format("  %-45s %10d bytes%n", file, bytes)));
        Map<String, long[]> totals = new TreeMap<>();
        scanner.sources().values().forEach(source -> {
            long[] total = totals.computeIfAbsent(source.zone, any -> new long[2]);
            total[0] += source.items;
            total[1] += source.bytes;
        });
        out.append("Totals by zone (items, bytes):\n");
        totals.forEach((zone, total) -> out.append(String.format("  %-40s %8d items %12d bytes%n", zone, total[0],
                total[1])));
        out.append(String.format("Topics scanned: %d, records: %d; collections: %d, documents: %d%n",
                recordsPerTopic.size(), recordsPerTopic.values().stream().mapToLong(Long::longValue).sum(),
                documentsPerCollection.size(), documentsPerCollection.values().stream().mapToLong(Long::longValue).sum()));
        List<Hit> outside = personal(scanner.hitsIn(OUTSIDE));
        out.append(String.format("Hits of personal values OUTSIDE pledge-service: %d%n", outside.size()));
        outside.stream().limit(60).forEach(hit -> out.append("  ").append(hit).append('\n'));
        for (String zone : List.of(PLEDGES, PLEDGE_OTHER, PLEDGE_ANSWERS)) {
            List<Hit> hits = personal(scanner.hitsIn(zone));
            Map<String, Long> kinds = hits.stream().collect(Collectors.groupingBy(hit -> hit.needle().kind(),
                    TreeMap::new, Collectors.counting()));
            Map<String, Set<String>> distinct = scanner.foundIn(zone);
            distinct.remove(CONTROL);
            Map<String, Integer> distinctCounts = new TreeMap<>();
            distinct.forEach((kind, values) -> distinctCounts.put(kind, values.size()));
            out.append(String.format("Hits in %s (%s): %d %s, distinct values found %s%n", zone,
                    zone.equals(PLEDGE_OTHER) ? "for information" : "positive control; participantRefs are not stored",
                    hits.size(), kinds, distinctCounts));
        }
        long erasedHits = scanner.hits().stream().filter(hit -> hit.needle().erased()).count();
        out.append(String.format("Hits of the erased resident's values anywhere (pledge-service included): %d%n",
                erasedHits));
        long controlHits = scanner.hitsIn(OUTSIDE).stream().filter(hit -> hit.needle().kind().equals(CONTROL)).count();
        out.append(String.format("Control (city ids) found outside pledge-service: %d times%n", controlHits));
        out.append(String.format("Distinct participantIds on pledge-events of this run's cities: %d (%s...)%n",
                participantIds.size(), participantIds.stream().findFirst().orElse("none")));
        return out.toString();
    }
}
