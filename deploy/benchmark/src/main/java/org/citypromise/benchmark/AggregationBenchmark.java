package org.citypromise.benchmark;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.bson.Document;
import org.citypromise.local.ChildProcess;
import org.citypromise.local.KafkaBroker;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * One machine, one broker: (a) a plain consumer reading and parsing the pledge events, the ceiling;
 * (b) aggregation-service taking them into its views, until they are complete and exact; (c) the same
 * per-city sums with Kafka Streams; (d) end-to-end latency at a steady rate; (e) the service's peak heap.
 * Run with {@code deploy/benchmark/run}; see the README's performance section.
 */
public final class AggregationBenchmark {

    private static final String HOST = "127.0.0.1";
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final String CLASSPATH = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .map(entry -> Path.of(entry).toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator));

    private final int cities;
    private final int pledgeEvents;
    private final int rate;
    private final int latencySeconds;
    private final Path work;
    private final List<ChildProcess> started = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    private AggregationBenchmark(Map<String, String> options) throws IOException {
        this.cities = Integer.parseInt(options.getOrDefault("cities", "1000"));
        this.pledgeEvents = Integer.parseInt(options.getOrDefault("pledges", "1000000"));
        this.rate = Integer.parseInt(options.getOrDefault("rate", "2000"));
        this.latencySeconds = Integer.parseInt(options.getOrDefault("latency-seconds", "30"));
        this.work = Files.createTempDirectory("citypromise-bench");
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        AggregationBenchmark benchmark = new AggregationBenchmark(options);
        Runtime.getRuntime().addShutdownHook(new Thread(benchmark::stopAll));
        boolean exact = benchmark.run();
        benchmark.stopAll();
        System.exit(exact ? 0 : 1);
    }

    private boolean run() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        Path jar = root.resolve("aggregation-service/target/aggregation-service.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run deploy/benchmark/run without --no-build");
        }
        KafkaBroker broker = new KafkaBroker(HOST, freePort(), freePort(), work.resolve("kafka"),
                work.resolve("kafka.log"), JAVA, CLASSPATH);
        awaitListening(start(broker.prepare()), broker.port());
        int storePort = freePort();
        awaitListening(start(new ChildProcess("store", List.of(JAVA, "-Xmx10g", "-XX:+UseParallelGC", "-cp", CLASSPATH,
                MemoryStore.class.getName(), HOST, Integer.toString(storePort)), Map.of(), work.resolve("store.log"))), storePort);
        String bootstrap = broker.bootstrapServers();
        try (AdminClient admin = AdminClient.create(Map.of("bootstrap.servers", bootstrap))) {
            Map<String, String> keep = Map.of("retention.ms", "-1", "retention.bytes", "-1");
            admin.createTopics(List.of(new NewTopic("pledge-events", 6, (short) 1).configs(keep),
                    new NewTopic("inventory-events", 6, (short) 1).configs(keep))).all().get();
        }

        PledgeDataSet data = new PledgeDataSet(cities);
        long producing = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = PledgeDataSet.producer(bootstrap)) {
            data.registerCities(producer);
            data.sendPledges(producer, pledgeEvents);
        }
        double produceSeconds = PledgeDataSet.since(producing).toMillis() / 1000.0;
        int pledgesOnTopic = data.pledges();
        System.out.printf("[bench] %,d pledge events for %,d cities on the topic (%,d pledges) in %.1f s%n",
                pledgeEvents, cities, data.pledges(), produceSeconds);

        double ceiling = plainConsumer(bootstrap, data);
        System.out.printf("[bench] (a) plain consumer + JSON parse: %,.0f events/s%n", ceiling);

        int port = freePort();
        String database = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        long serviceStart = System.nanoTime();
        start(new ChildProcess("aggregation-service", List.of(JAVA, "-Xmx512m", "-jar", jarPath(root)),
                Map.of("SPRING_KAFKA_BOOTSTRAP_SERVERS", bootstrap,
                        "SPRING_MONGODB_URI", "mongodb://" + HOST + ":" + storePort + "/" + database,
                        "SERVER_PORT", Integer.toString(port),
                        "LOGGING_LEVEL_ORG_CITYPROMISE", "WARN"),
                work.resolve("aggregation-service.log")));
        HeapSampler heap = new HeapSampler(http, port);
        heap.start();
        double service;
        String exactness;
        try (MongoClient mongo = MongoClients.create("mongodb://" + HOST + ":" + storePort)) {
            MongoCollection<Document> views = mongo.getDatabase(database).getCollection("city_contributions_g1");
            long first = awaitFirstView(views);
            System.out.printf("[bench] the service took its first records %.1f s after it was started%n",
                    (first - serviceStart) / 1e9);
            awaitComplete(views, data);
            service = pledgeEvents / ((System.nanoTime() - first) / 1e9);
            exactness = exactness(views, data);
            System.out.printf("[bench] (b) aggregation-service into its views: %,.0f events/s, %s%n", service, exactness);

            double streams = kafkaStreams(bootstrap);
            System.out.printf("[bench] (c) Kafka Streams groupByKey().aggregate(): %,.0f events/s%n", streams);

            Latency latency = new Latency(bootstrap, views, data, rate);
            latency.run(Duration.ofSeconds(5), Duration.ofSeconds(latencySeconds));
            heap.stop();
            String machine = Machine.describe();
            System.out.println();
            System.out.println("================ CityPromise aggregation benchmark ================");
            System.out.println("machine: " + machine);
            System.out.println("store: mongo-java-server 1.47.0, memory backend, its own JVM (-Xmx10g); broker: Kafka 4.1.2 KRaft, one node, its own JVM");
            System.out.printf("data: %,d cities, %,d pledge events (%,d pledges, the rest newer versions), produced in %.1f s%n",
                    cities, pledgeEvents, pledgesOnTopic, produceSeconds);
            System.out.printf("(a) plain consumer + JSON parse      %,10.0f events/s%n", ceiling);
            System.out.printf("(b) aggregation-service -> views     %,10.0f events/s   %s%n", service, exactness);
            System.out.printf("(c) Kafka Streams aggregate()        %,10.0f events/s%n", streams);
            System.out.printf("(b)/(a) = %.2f (aim >= 0.5)   (b)/(c) = %.2f (aim > 1)%n", service / ceiling, service / streams);
            System.out.printf("(d) end-to-end latency at %,d events/s for %d s: p50 %d ms, p99 %d ms, max %d ms (n = %,d)%n",
                    rate, latencySeconds, latency.percentile(50), latency.percentile(99), latency.percentile(100),
                    latency.count());
            System.out.printf("(e) aggregation-service peak heap: %,d MB (-Xmx512m)%n", heap.peakBytes() / (1024 * 1024));
            System.out.println("===================================================================");
            return exactness.startsWith("exact");
        }
    }

    private static String jarPath(Path root) {
        return root.resolve("aggregation-service/target/aggregation-service.jar").toString();
    }

    /** (a): every pledge record read and parsed, summed per city; events/s from the first poll to the last record. */
    private double plainConsumer(String bootstrap, PledgeDataSet data) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-plain-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        Map<String, long[]> perCity = new HashMap<>();
        long read = 0;
        long first = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties)) {
            consumer.subscribe(List.of("pledge-events"));
            while (read < pledgeEvents) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (first == 0) {
                        first = System.nanoTime();
                    }
                    ParsedPledge pledge = ParsedPledge.parse(record.value());
                    long[] sums = perCity.computeIfAbsent(pledge.cityId(), city -> new long[2]);
                    sums[0]++;
                    sums[1] += pledge.grams();
                    read++;
                }
            }
        }
        return read / ((System.nanoTime() - first) / 1e9);
    }

    /** (c): per-city count and grams in a RocksDB state store; events/s from the first record to the last. */
    private double kafkaStreams(String bootstrap) throws Exception {
        AtomicLong processed = new AtomicLong();
        AtomicLong first = new AtomicLong();
        StreamsBuilder builder = new StreamsBuilder();
        // Sums only: unlike the service it does not keep pledge versions, so it does less work per event.
        builder.stream("pledge-events", Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .mapValues(body -> {
                    first.compareAndSet(0, System.nanoTime());
                    return ParsedPledge.parse(body).grams();
                })
                .groupByKey(Grouped.with(Serdes.String(), Serdes.Long()))
                .aggregate(() -> 0L, (city, grams, sum) -> {
                    processed.incrementAndGet();
                    return sum + grams;
                }, Materialized.with(Serdes.String(), Serdes.Long()));
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-streams-" + UUID.randomUUID().toString().substring(0, 8));
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(StreamsConfig.STATE_DIR_CONFIG, work.resolve("streams").toString());
        properties.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
        properties.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        try (KafkaStreams streams = new KafkaStreams(builder.build(), properties)) {
            streams.start();
            while (processed.get() < pledgeEvents) {
                Thread.sleep(50);
            }
            double perSecond = processed.get() / ((System.nanoTime() - first.get()) / 1e9);
            streams.close(Duration.ofSeconds(30));
            return perSecond;
        }
    }

    private static long awaitFirstView(MongoCollection<Document> views) throws InterruptedException {
        while (views.find().limit(1).first() == null) {
            Thread.sleep(20);
        }
        return System.nanoTime();
    }

    /** Until every pledge is counted and every pledge partition taken to its end. */
    private void awaitComplete(MongoCollection<Document> views, PledgeDataSet data) throws InterruptedException {
        long want = data.expectedPledges();
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (System.nanoTime() < deadline) {
            long counted = 0;
            for (Document view : views.find().projection(Projections.include("pledgeCount"))) {
                counted += ((Number) view.getOrDefault("pledgeCount", 0L)).longValue();
            }
            if (counted >= want) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the views did not complete in 30 minutes");
    }

    private static String exactness(MongoCollection<Document> views, PledgeDataSet data) {
        int exact = 0;
        List<String> wrong = new ArrayList<>();
        for (int city = 0; city < data.cities(); city++) {
            Document view = views.find(Filters.eq("_id", PledgeDataSet.cityId(city))).first();
            long count = view == null ? 0 : ((Number) view.getOrDefault("pledgeCount", 0L)).longValue();
            long grams = view == null ? 0 : ((Number) view.getOrDefault("pledgedGramsPerYear", 0L)).longValue();
            if (count == data.expectedCount(city) && grams == data.expectedGrams(city)) {
                exact++;
            } else if (wrong.size() < 5) {
                wrong.add(PledgeDataSet.cityId(city) + " " + count + "/" + grams + " want " + data.expectedCount(city)
                        + "/" + data.expectedGrams(city));
            }
        }
        return (exact == data.cities() ? "exact: " : "NOT EXACT: ") + exact + "/" + data.cities() + " cities"
                + (wrong.isEmpty() ? "" : " " + wrong);
    }

    private ChildProcess start(ChildProcess process) throws IOException {
        started.add(process.start());
        return process;
    }

    private void stopAll() {
        List<ChildProcess> all = new ArrayList<>(started);
        started.clear();
        java.util.Collections.reverse(all);
        all.forEach(process -> process.stop(30));
    }

    private static void awaitListening(ChildProcess process, int port) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(HOST, port), 500);
                return;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException(process.name() + " did not start:\n" + process.tail(30));
                }
                Thread.sleep(200);
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Samples the service's heap in use from its metrics endpoint. */
    static final class HeapSampler {
        private final HttpClient http;
        private final int port;
        private final AtomicLong peak = new AtomicLong();
        private volatile boolean running = true;
        private Thread thread;

        HeapSampler(HttpClient http, int port) {
            this.http = http;
            this.port = port;
        }

        void start() {
            thread = new Thread(() -> {
                while (running) {
                    try {
                        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(
                                "http://127.0.0.1:" + port + "/actuator/metrics/jvm.memory.used?tag=area:heap")).build(),
                                HttpResponse.BodyHandlers.ofString());
                        var matcher = java.util.regex.Pattern.compile("\"value\":([0-9.E+]+)").matcher(response.body());
                        if (response.statusCode() == 200 && matcher.find()) {
                            peak.accumulateAndGet((long) Double.parseDouble(matcher.group(1)), Math::max);
                        }
                        Thread.sleep(250);
                    } catch (IOException notUpYet) {
                        sleep();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        private static void sleep() {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void stop() {
            running = false;
        }

        long peakBytes() {
            return peak.get();
        }
    }

    /**
     * (d): new pledges at a steady rate; each one's latency is from just before it is sent until its
     * city's view holds its partition's position at or past its offset.
     */
    static final class Latency {
        private final String bootstrap;
        private final MongoCollection<Document> views;
        private final PledgeDataSet data;
        private final int rate;
        private final List<Long> millis = new ArrayList<>();
        private final ConcurrentLinkedQueue<Sample> sent = new ConcurrentLinkedQueue<>();
        private final AtomicLong outstanding = new AtomicLong();

        private record Sample(String cityId, String partitionKey, long offset, long sentAt, boolean measured) {
        }

        Latency(String bootstrap, MongoCollection<Document> views, PledgeDataSet data, int rate) {
            this.bootstrap = bootstrap;
            this.views = views;
            this.data = data;
            this.rate = rate;
        }

        void run(Duration warmUp, Duration measured) throws Exception {
            long total = (warmUp.toSeconds() + measured.toSeconds()) * rate;
            long warmUpEvents = warmUp.toSeconds() * rate;
            Thread poller = new Thread(this::poll, "latency-poller");
            poller.setDaemon(true);
            poller.start();
            try (KafkaProducer<String, byte[]> producer = PledgeDataSet.producer(bootstrap)) {
                long start = System.nanoTime();
                for (long i = 0; i < total; i++) {
                    long due = start + (long) (i * 1e9 / rate);
                    while (System.nanoTime() < due) {
                        Thread.onSpinWait();
                    }
                    ProducerRecord<String, byte[]> record = data.newPledge((int) (i % data.cities()));
                    long sentAt = System.nanoTime();
                    boolean counts = i >= warmUpEvents;
                    outstanding.incrementAndGet();
                    producer.send(record, (metadata, e) -> {
                        if (e == null) {
                            sent.add(new Sample(record.key(), "pledge-events-" + metadata.partition(), metadata.offset(),
                                    sentAt, counts));
                        }
                    });
                }
                producer.flush();
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (outstanding.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            poller.interrupt();
        }

        private void poll() {
            List<Sample> waiting = new ArrayList<>();
            while (!Thread.currentThread().isInterrupted()) {
                for (Sample sample; (sample = sent.poll()) != null; ) {
                    waiting.add(sample);
                }
                if (!waiting.isEmpty()) {
                    List<String> ids = waiting.stream().map(Sample::cityId).distinct().toList();
                    Map<String, Document> positions = new HashMap<>();
                    for (Document view : views.find(Filters.in("_id", ids)).projection(Projections.include("positions"))) {
                        positions.put(view.getString("_id"), view.get("positions", Document.class));
                    }
                    long now = System.nanoTime();
                    waiting.removeIf(sample -> {
                        Document held = positions.get(sample.cityId());
                        Object at = held == null ? null : held.get(sample.partitionKey());
                        if (at != null && ((Number) at).longValue() >= sample.offset()) {
                            if (sample.measured()) {
                                synchronized (millis) {
                                    millis.add((now - sample.sentAt()) / 1_000_000);
                                }
                            }
                            outstanding.decrementAndGet();
                            return true;
                        }
                        return false;
                    });
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        long percentile(int p) {
            synchronized (millis) {
                if (millis.isEmpty()) {
                    return -1;
                }
                List<Long> sorted = millis.stream().sorted().toList();
                int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
                return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
            }
        }

        int count() {
            synchronized (millis) {
                return millis.size();
            }
        }
    }
}
