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
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citypromise.system.RunningSystem.AGGREGATION;
import static org.citypromise.system.RunningSystem.PLEDGE;

/**
 * Where {@link PersonalDataScanTest} looks, each source read whole into the scanner under its zone: every record of
 * every topic (internal ones too), every document of every database of the store, every public answer of
 * aggregation-service, what pledge-service shows a city's officers, and what the services logged during the test.
 */
final class PersonalDataSources {

    /** Everywhere outside pledge-service: it must hold none of the personal values. */
    static final String OUTSIDE = "outside pledge-service";
    /** pledge-service's pledges collection: the positive control. */
    static final String PLEDGES = "pledge-service pledges collection";
    static final String PLEDGE_OTHER = "pledge-service other collections";
    /** What pledge-service shows a city's officers: names and contacts, but not those erased. */
    static final String PLEDGE_ANSWERS = "pledge-service officer answers";
    /** The kind of the control values: city ids, which every source outside must show. */
    static final String CONTROL = "cityId (control)";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path LOGS = Path.of("target", "system-logs");

    private final RunningSystem system;
    /** The participants named by this run's pledge events. */
    final Set<String> participantIds = new TreeSet<>();
    /** How long each log file was before this test: only what it appends is of this run. */
    private final Map<Path, Long> logsBefore;

    PersonalDataSources(RunningSystem system, Map<Path, Long> logsBefore) {
        this.system = system;
        this.logsBefore = logsBefore;
    }

    /** How long each log file is, measured before the services start: only what they append after is scanned. */
    static Map<Path, Long> logLengths() throws IOException {
        Map<Path, Long> lengths = new HashMap<>();
        if (Files.isDirectory(LOGS)) {
            try (Stream<Path> files = Files.list(LOGS)) {
                for (Path file : files.toList()) {
                    lengths.put(file.toAbsolutePath(), Files.size(file));
                }
            }
        }
        return lengths;
    }

    static KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Backbone.get().kafkaBootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
    }

    /** Every record of every partition of every topic, internal ones too, from the first to the last. */
    Map<String, Long> scanTopics(PersonalDataScanner scanner, Set<String> cityIds)
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
    Map<String, Long> scanStore(PersonalDataScanner scanner, String pledgeDatabase) {
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

    void scanAggregationAnswers(PersonalDataScanner scanner, Set<String> cityIds) {
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
    private List<String> pages(String path) {
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
    void scanPledgeAnswers(PersonalDataScanner scanner, String cityId) {
        String path = "/api/v1/cities/" + cityId + "/pledges?size=200";
        HttpResponse<String> response = system.get(PLEDGE, path, Map.of("Authorization", Tokens.officer(cityId)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        scanner.source(PLEDGE_ANSWERS, "pledge-service HTTP (officer)").items++;
        scanner.scan(PLEDGE_ANSWERS, "pledge-service HTTP (officer)", "GET " + path,
                response.body().getBytes(StandardCharsets.UTF_8));
    }

    /** What every service instance logged during this test (the log files are appended to, run after run). */
    Map<String, Long> scanLogs(PersonalDataScanner scanner) throws IOException {
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
}
