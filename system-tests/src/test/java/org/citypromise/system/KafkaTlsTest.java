package org.citypromise.system;

import de.bwaldvogel.mongo.MongoServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.citypromise.local.ChildProcess;
import org.citypromise.local.KafkaBroker;
import org.citypromise.local.KafkaClientEnvironment;
import org.citypromise.local.StoreBackends;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.citypromise.system.SecuredBroker.SERVICES;
import static org.citypromise.system.SecuredBroker.USER;

/**
 * The three services on a broker whose only client listener is SASL_SSL (SCRAM-SHA-512 inside TLS), with a
 * certificate made for the test by keytool and trusted through a PKCS12 trust store given to the services by
 * standard Spring properties (KafkaClientEnvironment.tls); their store speaks TLS too, with the same
 * certificate ({@code tls=true} in the connection string, the trust store as a Spring SSL bundle). A Kafka
 * client that does not trust the certificate, or does not speak TLS, gets nothing.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class KafkaTlsTest {

    private static final Path BROKER_LOG = Path.of("target", "system-logs", "tls-kafka.log");
    private static final String PASSWORD = KafkaBroker.randomPassword();
    private static final String STORE_PASSWORD = KafkaBroker.randomPassword();

    private static KafkaBroker broker;
    private static ChildProcess brokerProcess;
    private static MongoServer store;
    private static RunningSystem system;
    private static Map<String, Long> logPositions;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        KafkaBroker.Tls tls = selfSignedFor127001(dir);
        broker = SecuredBroker.broker(dir, BROKER_LOG).withScramClient(USER, PASSWORD).withTls(tls);
        brokerProcess = SecuredBroker.start(broker);
        store = new MongoServer(StoreBackends.memory());
        KeyStore identity = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(tls.keyStore())) {
            identity.load(in, STORE_PASSWORD.toCharArray());
        }
        store.enableSsl((PrivateKey) identity.getKey("broker", STORE_PASSWORD.toCharArray()), null,
                (X509Certificate) identity.getCertificate("broker"));
        int storePort = RunningSystem.freePort();
        store.bind("127.0.0.1", storePort);
        logPositions = SecuredBroker.logPositions();
        system = new RunningSystem(broker.bootstrapServers(),
                database -> "mongodb://127.0.0.1:" + storePort + "/" + database + "?tls=true")
                .withEnvironment(KafkaClientEnvironment.scram(USER, PASSWORD))
                .withEnvironment(KafkaClientEnvironment.tls(tls.trustStore(), tls.password()))
                .withEnvironment(Map.of(
                        "SPRING_SSL_BUNDLE_JKS_STORE_TRUSTSTORE_LOCATION", tls.trustStore().toUri().toString(),
                        "SPRING_SSL_BUNDLE_JKS_STORE_TRUSTSTORE_PASSWORD", tls.password(),
                        "SPRING_SSL_BUNDLE_JKS_STORE_TRUSTSTORE_TYPE", "PKCS12",
                        "SPRING_MONGODB_SSL_BUNDLE", "store"))
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
    void theServicesWorkThroughTlsToTheBrokerAndTheStore() throws IOException {
        SecuredBroker.pledgeReachesItsView(system);
        for (String service : SERVICES) {
            assertThat(SecuredBroker.logSince(service, logPositions)).as(service + "'s log")
                    .doesNotContain("SslAuthenticationException", "SSLHandshakeException", "Authentication failed");
        }
    }

    @Test
    void aClientThatDoesNotTrustTheBrokersCertificateIsRefused() {
        Map<String, Object> untrusting = new HashMap<>(broker.clientProperties());
        untrusting.keySet().removeIf(key -> key.startsWith("ssl.truststore")); // the JDK's CAs only
        try (Admin admin = Admin.create(untrusting)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(15, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(SslAuthenticationException.class)
                    .hasMessageContaining("SSL handshake failed");
        }
    }

    @Test
    void aClientWithoutTlsGetsNothing() {
        Map<String, Object> clear = new HashMap<>(broker.clientProperties());
        clear.put(AdminClientConfig.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT"); // the right password, in the clear
        clear.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 4_000);
        clear.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        try (Admin admin = Admin.create(clear)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(15, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(TimeoutException.class);
        }
    }

    /** A key pair and self-signed certificate for 127.0.0.1 (keytool, valid one day) and a trust store holding it. */
    private static KafkaBroker.Tls selfSignedFor127001(Path dir) throws Exception {
        Path keyStore = dir.resolve("broker.p12");
        Path certificate = dir.resolve("broker.pem");
        Path trustStore = dir.resolve("truststore.p12");
        keytool("-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "1",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", STORE_PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "broker", "-file", certificate.toString(),
                "-keystore", keyStore.toString(), "-storepass", STORE_PASSWORD);
        keytool("-importcert", "-noprompt", "-alias", "broker", "-file", certificate.toString(),
                "-storetype", "PKCS12", "-keystore", trustStore.toString(), "-storepass", STORE_PASSWORD);
        return new KafkaBroker.Tls(keyStore, trustStore, STORE_PASSWORD);
    }

    private static void keytool(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("keytool " + arguments[0] + ": " + output).isZero();
    }
}
