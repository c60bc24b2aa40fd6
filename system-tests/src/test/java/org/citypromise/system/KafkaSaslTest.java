package org.citypromise.system;

import de.bwaldvogel.mongo.MongoServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.citypromise.local.ChildProcess;
import org.citypromise.local.KafkaBroker;
import org.citypromise.local.KafkaClientEnvironment;
import org.citypromise.local.StoreBackends;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.citypromise.system.SecuredBroker.AGGREGATION;
import static org.citypromise.system.SecuredBroker.SERVICES;
import static org.citypromise.system.SecuredBroker.USER;

/**
 * The three services on a broker whose only client listener takes SASL/SCRAM-SHA-512, configured by
 * standard Spring properties alone (KafkaClientEnvironment.scram): a pledge still reaches its city's
 * view, so every service produced and consumed through the authenticated listener; a client without
 * credentials or with a wrong password gets nothing, and the services' user is not a super user.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class KafkaSaslTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path BROKER_LOG = Path.of("target", "system-logs", "sasl-kafka.log");
    /** What the broker logs (WARN) when a client sends requests without authenticating first. */
    private static final String UNAUTHENTICATED_REQUEST = "during SASL handshake";
    private static final String PASSWORD = KafkaBroker.randomPassword();

    private static KafkaBroker broker;
    private static ChildProcess brokerProcess;
    private static MongoServer store;
    private static RunningSystem system;
    private static Map<String, Long> logPositions;

    @BeforeAll
    static void start(@TempDir Path dir) throws IOException {
        Files.deleteIfExists(BROKER_LOG);
        broker = SecuredBroker.broker(dir, BROKER_LOG).withScramClient(USER, PASSWORD);
        brokerProcess = SecuredBroker.start(broker);
        // a store of the test's own: the backbone's would start a broker this test does not use
        store = new MongoServer(StoreBackends.memory());
        InetSocketAddress address = store.bind();
        String mongo = "mongodb://" + address.getHostString() + ":" + address.getPort();
        logPositions = SecuredBroker.logPositions();
        system = new RunningSystem(broker.bootstrapServers(), database -> mongo + "/" + database)
                .withEnvironment(KafkaClientEnvironment.scram(USER, PASSWORD))
                .start();
    }

    @AfterAll
    static void stop() {
        SecuredBroker.stop(system, brokerProcess);
        if (store != null) {
            store.shutdownNow();
        }
    }

    @Test
    @Order(1)
    void theServicesProduceAndConsumeThroughTheScramListener() throws IOException {
        String cityId = SecuredBroker.pledgeReachesItsView(system).get("cityId").asString();

        // the same records, read by a client that logs in as the services do
        Map<String, Object> consumer = new HashMap<>(broker.clientProperties());
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, "sasl-test-" + UUID.randomUUID());
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> pledges = new KafkaConsumer<>(consumer, new StringDeserializer(),
                new StringDeserializer())) {
            pledges.subscribe(List.of("pledge-events"));
            List<String> keys = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!keys.contains(cityId) && System.nanoTime() < deadline) {
                pledges.poll(Duration.ofMillis(500)).forEach((ConsumerRecord<String, String> r) -> keys.add(r.key()));
            }
            assertThat(keys).contains(cityId);
        }

        // aggregation-service's other clients: the dead-letter reader, a rebuild's consumers and its lag (AdminClient)
        HttpResponse<String> deadLetters = system.get(AGGREGATION, "/api/v1/admin/dead-letters?from=0&limit=10");
        assertThat(deadLetters.statusCode()).as(deadLetters.body()).isEqualTo(200);
        HttpResponse<String> rebuild = system.post(AGGREGATION, "/api/v1/admin/rebuilds", "", Map.of());
        assertThat(rebuild.statusCode()).as(rebuild.body()).isEqualTo(202);
        int building = JSON.readTree(rebuild.body()).get("building").asInt();
        assertThat(JSON.readTree(rebuild.body()).get("buildingLag").isNumber()).as(rebuild.body()).isTrue();
        awaitServing(building);
        assertThat(SecuredBroker.awaitView(system, cityId).get("pledgedTco2ePerYear").decimalValue())
                .isEqualByComparingTo("0.358156");

        // every client of every service authenticated: none was refused for want of SASL, none denied by ACLs
        assertThat(Files.readString(BROKER_LOG)).doesNotContain(UNAUTHENTICATED_REQUEST);
        for (String service : SERVICES) {
            assertThat(SecuredBroker.logSince(service, logPositions)).as(service + "'s log")
                    .doesNotContain("SaslAuthenticationException", "AuthorizationException", "Authentication failed");
        }
    }

    @Test
    @Order(2)
    void aClientWithoutCredentialsGetsNothing() throws IOException {
        Map<String, Object> plain = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        long begin = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(plain, new StringSerializer(),
                new StringSerializer())) {
            // the broker closes every connection that sends a request before authenticating, so the
            // producer never learns the topic's partitions
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("pledge-events", "intruder", "{}")).get())
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(TimeoutException.class)
                    .hasMessageContaining("not present in metadata");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(20));
        assertThat(Files.readString(BROKER_LOG)).contains("Unexpected Kafka request of type METADATA " + UNAUTHENTICATED_REQUEST);
    }

    @Test
    @Order(3)
    void aClientWithAWrongPasswordIsRefused() {
        try (Admin admin = Admin.create(broker.clientProperties(USER, PASSWORD + "x"))) {
            assertThatThrownBy(() -> admin.listTopics().names().get(15, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(SaslAuthenticationException.class)
                    .hasMessageContaining("invalid credentials with SASL mechanism SCRAM-SHA-512");
        }
    }

    /** Granted what the services do, not more: it cannot grant itself or anyone else anything. */
    @Test
    @Order(4)
    void theServicesUserIsNoSuperUser() {
        try (Admin admin = Admin.create(broker.clientProperties())) {
            AclBinding everything = new AclBinding(new ResourcePattern(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL),
                    new AccessControlEntry("User:" + USER, "*", AclOperation.ALL, AclPermissionType.ALLOW));
            assertThatThrownBy(() -> admin.createAcls(List.of(everything)).all().get(15, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(ClusterAuthorizationException.class);
        }
    }

    private static void awaitServing(int generation) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            last = system.get(AGGREGATION, "/api/v1/admin/rebuilds").body();
            if (JSON.readTree(last).get("serving").asInt() == generation) {
                return;
            }
            RunningSystem.pause(250);
        }
        throw new AssertionError("the rebuilt generation " + generation + " never served; last seen: " + last);
    }
}
