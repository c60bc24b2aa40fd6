package org.citypromise.backbone;

import de.bwaldvogel.mongo.MongoServer;
import org.citypromise.local.StoreBackends;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Map;

/**
 * The real parts integration tests run against: one Kafka broker and one MongoDB-protocol store per
 * test JVM, started on first use and stopped when the JVM exits.
 *
 * <p>Where a Docker engine answers, both are Testcontainers images (apache/kafka, mongo); otherwise
 * an in-process KRaft broker (spring-kafka-test) and an in-process mongo-java-server. Tests see only
 * a bootstrap address and a connection string, so the same test classes run on either.
 * {@code CITYPROMISE_BACKBONE=containers|embedded} forces one.
 */
public final class Backbone {

    private static final Logger log = LoggerFactory.getLogger(Backbone.class);

    static final String KAFKA_IMAGE = "apache/kafka:4.1.2";
    static final String MONGO_IMAGE = "mongo:8.0";

    private static volatile Backbone instance;

    private final String kafkaBootstrapServers;
    private final String mongoConnectionString;
    private final String kind;

    private Backbone(String kafkaBootstrapServers, String mongoConnectionString, String kind) {
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.mongoConnectionString = mongoConnectionString;
        this.kind = kind;
    }

    public static Backbone get() {
        Backbone current = instance;
        if (current == null) {
            synchronized (Backbone.class) {
                current = instance;
                if (current == null) {
                    current = useContainers() ? startContainers() : startEmbedded();
                    instance = current;
                    log.info("Test backbone ({}): kafka={} mongo={}", current.kind,
                            current.kafkaBootstrapServers, current.mongoConnectionString);
                }
            }
        }
        return current;
    }

    /** Bootstrap address of the shared broker, as {@code host:port}. */
    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    /** Connection string for one database on the shared store; each service gets its own database. */
    public String mongoUri(String database) {
        return mongoConnectionString + "/" + database;
    }

    public String kind() {
        return kind;
    }

    private static boolean useContainers() {
        String forced = System.getenv("CITYPROMISE_BACKBONE");
        if (forced != null && !forced.isBlank()) {
            return forced.trim().toLowerCase(Locale.ROOT).startsWith("container");
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static Backbone startContainers() {
        KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);
        // A replica set, as production runs, so the same code paths (write concern, retryable writes) are hit.
        MongoDBContainer mongo = new MongoDBContainer(MONGO_IMAGE).withReplicaSet();
        kafka.start();
        mongo.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            mongo.stop();
            kafka.stop();
        }, "backbone-stop"));
        String connection = mongo.getConnectionString();
        return new Backbone(kafka.getBootstrapServers(), connection, "testcontainers");
    }

    private static Backbone startEmbedded() {
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 3);
        kafka.brokerProperties(Map.of(
                "group.initial.rebalance.delay.ms", "0",
                "auto.create.topics.enable", "true",
                "num.partitions", "3"));
        kafka.afterPropertiesSet();

        // Speaks as MongoDB 4.4, as the local stack's store does, so that current clients accept it.
        MongoServer mongo = new MongoServer(StoreBackends.memory());
        InetSocketAddress address = mongo.bind();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            mongo.shutdownNow();
            kafka.destroy();
        }, "backbone-stop"));
        String connection = "mongodb://" + address.getHostString() + ":" + address.getPort();
        return new Backbone(kafka.getBrokersAsString(), connection, "embedded");
    }
}
