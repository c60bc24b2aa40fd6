package org.citypromise.benchmark;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.citypromise.local.ChildProcess;
import org.citypromise.local.KafkaBroker;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The benchmark's own Kafka broker (single-node KRaft, the local stack's {@link KafkaBroker}) and store
 * ({@link MemoryStore}; none with {@link #brokerOnly}), each a JVM of its own on free ports, so that it runs
 * beside a local stack on 9092 and 27017. Their data lives in a temporary directory; their logs stay in
 * {@code logs}.
 */
final class Backbone implements AutoCloseable {

    static final String HOST = "127.0.0.1";
    static final int PARTITIONS = 6;
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    /** The children run from the benchmark's own classpath (its jar, whose manifest names lib/), made absolute. */
    private static final String CLASSPATH = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .map(entry -> Path.of(entry).toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator));

    private final KafkaBroker broker;
    private final ChildProcess kafka;
    /** Null: {@link #brokerOnly}. */
    private final ChildProcess store;
    private final int storePort;

    private Backbone(KafkaBroker broker, ChildProcess kafka, ChildProcess store, int storePort) {
        this.broker = broker;
        this.kafka = kafka;
        this.store = store;
        this.storePort = storePort;
    }

    /** The broker only: the caller starts the stores it measures ({@link FileStore}). */
    static Backbone brokerOnly(Path data, Path logs) throws IOException, InterruptedException {
        KafkaBroker broker = new KafkaBroker(HOST, freePort(), freePort(), data.resolve("kafka"),
                logs.resolve("kafka.log"), JAVA, CLASSPATH);
        ChildProcess kafka = broker.prepare().start();
        try {
            awaitListening(kafka, broker.port());
            return new Backbone(broker, kafka, null, -1);
        } catch (RuntimeException | InterruptedException e) {
            stop(kafka);
            throw e;
        }
    }

    static Backbone start(Path data, Path logs) throws IOException, InterruptedException {
        int storePort = freePort();
        // The memory backend holds every pledge's state (~1 KB each with indexes): a million need a few GB.
        // G1, not the parallel collector: its full collections of that heap stopped the store for seconds
        // at a time, which the latency run then measured (a real MongoDB has no such pauses).
        ChildProcess store = new ChildProcess("store", List.of(JAVA, "-Xmx10g", "-XX:+UseG1GC",
                "-Xlog:gc:file=" + logs.resolve("store-gc.log"), "-cp", CLASSPATH,
                MemoryStore.class.getName(), HOST, Integer.toString(storePort)), Map.of(), logs.resolve("store.log"))
                .start();
        ChildProcess kafka = null;
        try {
            KafkaBroker broker = new KafkaBroker(HOST, freePort(), freePort(), data.resolve("kafka"),
                    logs.resolve("kafka.log"), JAVA, CLASSPATH);
            kafka = broker.prepare().start();
            awaitListening(store, storePort);
            awaitListening(kafka, broker.port());
            return new Backbone(broker, kafka, store, storePort);
        } catch (IOException | RuntimeException | InterruptedException e) {
            stop(kafka);
            stop(store);
            throw e;
        }
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    String storeUri() {
        if (store == null) {
            throw new IllegalStateException("a broker-only backbone has no store");
        }
        return "mongodb://" + HOST + ":" + storePort;
    }

    /** Both topics as the services declare them, created before anything is produced. */
    void createTopics() throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(EventRecords.PLEDGE_TOPIC, PARTITIONS, (short) 1),
                    new NewTopic(EventRecords.INVENTORY_TOPIC, PARTITIONS, (short) 1))).all().get();
        }
    }

    /** Per partition of the topic: the offset the next record will get. */
    Map<Integer, Long> endOffsets(String topic) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = IntStream.range(0, PARTITIONS).boxed()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p), p -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().entrySet().stream().collect(Collectors.toMap(
                    entry -> entry.getKey().partition(), entry -> entry.getValue().offset(), (a, b) -> a, TreeMap::new));
        }
    }

    /** As pledge-service's producer is set up (acks=all, idempotent), batching more for throughput. */
    KafkaProducer<String, byte[]> producer(int lingerMs) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, lingerMs,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    /** The broker first (a controlled shutdown), then the store. */
    @Override
    public void close() {
        stop(kafka);
        stop(store);
    }

    private static void stop(ChildProcess child) {
        if (child != null) {
            child.stop(30);
        }
    }

    static String java() {
        return JAVA;
    }

    /** The benchmark's own classpath, absolute: its children run from it. */
    static String classpath() {
        return CLASSPATH;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void awaitListening(ChildProcess child, int port) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(HOST, port), 500);
                return;
            } catch (IOException notYet) {
                if (!child.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException(child.name() + " did not start. Last lines of " + child.log()
                            + ":\n" + child.tail(30));
                }
                Thread.sleep(200);
            }
        }
    }
}
