package org.citypromise.local;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * A single-node KRaft Kafka broker run from the Maven Central jars on a classpath, as a process of its
 * own: the local stack's broker, and the one the fault tests and the benchmark kill and restart. Its
 * data lives in {@code dataDir}; a restart finds it there.
 * <p>
 * By default its one client listener is PLAINTEXT. {@link #withScramClient} gives a broker whose client
 * listener is SASL_PLAINTEXT with SCRAM-SHA-512 and an authorizer: see there.
 * <p>
 * Somewhat over our usual size because one broker configuration has three listener shapes (plaintext,
 * SCRAM, SCRAM over TLS) that must agree with each other; they are easier to check side by side.
 */
public final class KafkaBroker {

    /** The one SASL mechanism clients may use on a {@link #withScramClient SCRAM} broker. */
    public static final String SCRAM_MECHANISM = "SCRAM-SHA-512";
    /**
     * The broker's own user on a SCRAM broker: the broker-to-controller and inter-broker connections and
     * the granting of the client's ACLs. The only super user.
     */
    public static final String BROKER_USER = "broker";
    /** Names and passwords end up inside --add-scram and JAAS strings: kept to characters that need no quoting. */
    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9._~-]{1,128}");

    private final String host;
    private final int port;
    private final int controllerPort;
    private final Path dataDir;
    private final Path log;
    private final String java;
    private final String classpath;
    /** Null for a PLAINTEXT broker. */
    private final String clientUser;
    private final String clientPassword;
    /** Null: SASL without TLS. */
    private final Tls tls;

    /**
     * The broker's TLS identity (a PKCS12 key store with its key and certificate) and a PKCS12 trust store
     * holding that certificate (or its CA), for the broker's connections to itself and for clients.
     */
    public record Tls(Path keyStore, Path trustStore, String password) {
    }

    public KafkaBroker(String host, int port, int controllerPort, Path dataDir, Path log, String java,
                       String classpath) {
        this(host, port, controllerPort, dataDir, log, java, classpath, null, null, null);
    }

    private KafkaBroker(String host, int port, int controllerPort, Path dataDir, Path log, String java,
                        String classpath, String clientUser, String clientPassword, Tls tls) {
        this.host = host;
        this.port = port;
        this.controllerPort = controllerPort;
        this.dataDir = dataDir;
        this.log = log;
        this.java = java;
        this.classpath = classpath;
        this.clientUser = clientUser;
        this.clientPassword = clientPassword;
        this.tls = tls;
    }

    /**
     * The same broker, but its client listener is SASL_PLAINTEXT and takes only SCRAM-SHA-512, and an
     * authorizer (StandardAuthorizer, no ACL means no access) decides what an authenticated user may do.
     * <ul>
     *   <li>Two SCRAM users are written into the metadata when the storage is formatted
     *       ({@code kafka-storage format --add-scram}): {@value #BROKER_USER}, the broker's own and only super
     *       user (its password generated then, kept in {@code dataDir}), and {@code user} for the clients.</li>
     *   <li>The controller listener (loopback) takes SASL/PLAIN with the broker's own user, configured
     *       statically: a controller cannot use SCRAM (its credentials live in the metadata it serves), and
     *       left PLAINTEXT every connection to it would be User:ANONYMOUS, which would then need to be a
     *       super user.</li>
     *   <li>The client user is not a super user: once the broker runs, {@link #authorizeClient()} grants it
     *       what the services do (topics and consumer groups, creating topics), nothing else (no ACLs,
     *       SCRAM users or broker configs).</li>
     * </ul>
     * A storage formatted before without SCRAM cannot be turned into this: use a data directory of its own.
     */
    public KafkaBroker withScramClient(String user, String password) {
        requirePlainWord("user", user);
        requirePlainWord("password", password);
        if (user.equals(BROKER_USER)) {
            throw new IllegalArgumentException("the client user cannot be the broker's own, " + BROKER_USER);
        }
        return new KafkaBroker(host, port, controllerPort, dataDir, log, java, classpath, user, password, tls);
    }

    /**
     * The same SCRAM broker with TLS on its client listener (SASL_SSL instead of SASL_PLAINTEXT): clients
     * must trust {@code tls.trustStore()} and reach the broker by a name or address its certificate holds.
     */
    public KafkaBroker withTls(Tls tls) {
        if (!isScram()) {
            throw new IllegalStateException("TLS here comes with SCRAM: call withScramClient first");
        }
        return new KafkaBroker(host, port, controllerPort, dataDir, log, java, classpath, clientUser, clientPassword, tls);
    }

    public boolean isScram() {
        return clientUser != null;
    }

    /** The client listener's security protocol: PLAINTEXT, SASL_PLAINTEXT or SASL_SSL. */
    public String securityProtocol() {
        return !isScram() ? "PLAINTEXT" : tls == null ? "SASL_PLAINTEXT" : "SASL_SSL";
    }

    public String bootstrapServers() {
        return host + ":" + port;
    }

    public int port() {
        return port;
    }

    /**
     * Writes the configuration (at every start), formats the storage on the first start only, and returns
     * the broker's process, not yet started.
     */
    public ChildProcess prepare() throws IOException {
        if (isScram()) {
            return prepareScram();
        }
        Path logDir = dataDir.resolve("log");
        Path config = dataDir.resolve("server.properties");
        Files.createDirectories(logDir);
        Files.writeString(config, String.join("\n",
                "# Written at every start; data lives in log.dirs.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + host + ":" + controllerPort,
                "listeners=PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort,
                "advertised.listeners=PLAINTEXT://" + host + ":" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + logDir.toAbsolutePath(),
                "num.partitions=6",
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                ""));
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            // First start only: formatting again would orphan the data already there.
            String clusterId = Uuid.randomUuid().toString();
            System.out.println("[kafka] formatting storage in " + logDir + " (cluster " + clusterId + ")");
            new ChildProcess("kafka-format", List.of(java, "-cp", classpath, "kafka.tools.StorageTool", "format",
                    "-t", clusterId, "-c", config.toString()), Map.of(), log).runToCompletion(60);
        }
        return new ChildProcess("kafka", List.of(java, "-Xmx512m", "-cp", classpath, "kafka.Kafka", config.toString()),
                Map.of(), log);
    }

    private ChildProcess prepareScram() throws IOException {
        Path logDir = dataDir.resolve("log");
        Path config = dataDir.resolve("server.properties");
        Files.createDirectories(logDir);
        boolean formatted = Files.exists(logDir.resolve("meta.properties"));
        if (formatted && !Files.exists(brokerPasswordFile())) {
            throw new IllegalStateException("the Kafka storage in " + logDir + " was formatted without SCRAM users:"
                    + " a SCRAM broker needs a data directory of its own");
        }
        String brokerPassword = brokerPassword();
        String scram = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + BROKER_USER
                + "\" password=\"" + brokerPassword + "\";";
        String plain = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + BROKER_USER
                + "\" password=\"" + brokerPassword + "\" user_" + BROKER_USER + "=\"" + brokerPassword + "\";";
        String listener = securityProtocol();
        String prefix = "listener.name." + listener.toLowerCase(Locale.ROOT) + ".";
        List<String> lines = new ArrayList<>(List.of(
                "# Written at every start; data lives in log.dirs. Holds the broker's own password: keep it private.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + host + ":" + controllerPort,
                "listeners=" + listener + "://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort,
                "advertised.listeners=" + listener + "://" + host + ":" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=" + listener + ":" + listener + ",CONTROLLER:SASL_PLAINTEXT",
                "inter.broker.listener.name=" + listener,
                // clients and the broker itself: SCRAM, credentials in the metadata
                prefix + "sasl.enabled.mechanisms=" + SCRAM_MECHANISM,
                "sasl.mechanism.inter.broker.protocol=" + SCRAM_MECHANISM,
                prefix + SCRAM_MECHANISM.toLowerCase(Locale.ROOT) + ".sasl.jaas.config=" + scram,
                // broker to controller: PLAIN, the one user configured here
                "listener.name.controller.sasl.enabled.mechanisms=PLAIN",
                "sasl.mechanism.controller.protocol=PLAIN",
                "listener.name.controller.plain.sasl.jaas.config=" + plain,
                "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "super.users=User:" + BROKER_USER,
                "allow.everyone.if.no.acl.found=false",
                "log.dirs=" + logDir.toAbsolutePath(),
                "num.partitions=6",
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0"));
        if (tls != null) {
            // the listener's identity, and what the broker trusts when it connects to itself
            lines.addAll(List.of(
                    prefix + "ssl.keystore.type=PKCS12",
                    prefix + "ssl.keystore.location=" + tls.keyStore().toAbsolutePath(),
                    prefix + "ssl.keystore.password=" + tls.password(),
                    prefix + "ssl.key.password=" + tls.password(),
                    "ssl.truststore.type=PKCS12",
                    "ssl.truststore.location=" + tls.trustStore().toAbsolutePath(),
                    "ssl.truststore.password=" + tls.password()));
        }
        lines.add("");
        writePrivately(config, String.join("\n", lines));
        if (!formatted) {
            // the passwords are on this short-lived command line: kafka-storage takes them no other way
            String clusterId = Uuid.randomUuid().toString();
            System.out.println("[kafka] formatting storage in " + logDir + " (cluster " + clusterId + ") with SCRAM users "
                    + BROKER_USER + " and " + clientUser);
            new ChildProcess("kafka-format", List.of(java, "-cp", classpath, "kafka.tools.StorageTool", "format",
                    "-t", clusterId, "-c", config.toString(),
                    "--add-scram", SCRAM_MECHANISM + "=[name=" + BROKER_USER + ",password=" + brokerPassword + "]",
                    "--add-scram", SCRAM_MECHANISM + "=[name=" + clientUser + ",password=" + clientPassword + "]"),
                    Map.of(), log).runToCompletion(60);
        }
        return new ChildProcess("kafka", List.of(java, "-Xmx512m", "-cp", classpath, "kafka.Kafka", config.toString()),
                Map.of(), log);
    }

    /**
     * On a running SCRAM broker, as its own user: sets the client user's SCRAM password (so that a client
     * password changed since the storage was formatted takes effect) and grants it what the services need:
     * everything on topics and consumer groups, and on the cluster creating topics, describing it and its
     * configs and idempotent writes. Not: ACLs, SCRAM users, broker configs. Safe to repeat.
     */
    public void authorizeClient() {
        if (!isScram()) {
            throw new IllegalStateException("a PLAINTEXT broker has no users");
        }
        Map<String, Object> admin = new HashMap<>(clientProperties(BROKER_USER, brokerPassword()));
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        String principal = "User:" + clientUser;
        List<AclBinding> grants = new ArrayList<>();
        grants.add(allow(ResourceType.TOPIC, "*", principal, AclOperation.ALL));
        grants.add(allow(ResourceType.GROUP, "*", principal, AclOperation.ALL));
        for (AclOperation operation : List.of(AclOperation.CREATE, AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS,
                AclOperation.IDEMPOTENT_WRITE)) {
            grants.add(allow(ResourceType.CLUSTER, "kafka-cluster", principal, operation));
        }
        try (Admin client = Admin.create(admin)) {
            client.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(clientUser,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), clientPassword)))
                    .all().get(30, TimeUnit.SECONDS);
            client.createAcls(grants).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not authorize " + clientUser + " on the broker: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** What a plain Kafka client sets to connect as the client user: bootstrap servers and, on SCRAM, SASL. */
    public Map<String, Object> clientProperties() {
        return isScram() ? clientProperties(clientUser, clientPassword) : Map.of("bootstrap.servers", bootstrapServers());
    }

    /** What a plain Kafka client sets to connect to this SCRAM broker as {@code user}. */
    public Map<String, Object> clientProperties(String user, String password) {
        Map<String, Object> properties = new HashMap<>(Map.of("bootstrap.servers", bootstrapServers(),
                "security.protocol", securityProtocol(),
                "sasl.mechanism", SCRAM_MECHANISM,
                "sasl.jaas.config", scramJaas(user, password)));
        if (tls != null) {
            properties.put("ssl.truststore.type", "PKCS12");
            properties.put("ssl.truststore.location", tls.trustStore().toAbsolutePath().toString());
            properties.put("ssl.truststore.password", tls.password());
        }
        return Map.copyOf(properties);
    }

    /** The JAAS line a Kafka client authenticates with by SCRAM. */
    public static String scramJaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    private static AclBinding allow(ResourceType type, String name, String principal, AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }

    private Path brokerPasswordFile() {
        return dataDir.resolve("broker-password");
    }

    /** The broker's own password: made when the storage is first formatted, then read back. */
    private String brokerPassword() {
        Path file = brokerPasswordFile();
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(dataDir);
                writePrivately(file, randomPassword());
            }
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new IllegalStateException("cannot keep the broker's password in " + file + ": " + e, e);
        }
    }

    /** 32 random characters that need no quoting anywhere (see {@link #withScramClient}). */
    public static String randomPassword() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            password.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return password.toString();
    }

    private static void requirePlainWord(String what, String value) {
        if (value == null || !PLAIN_WORD.matcher(value).matches()) {
            throw new IllegalArgumentException("a SCRAM " + what + " must be 1 to 128 of A-Z a-z 0-9 . _ ~ -");
        }
    }

    /**
     * Writes a file that holds a password: readable by its owner only (where the file system has POSIX
     * permissions), from before anything is written into it.
     */
    static void writePrivately(Path file, String content) throws IOException {
        try {
            if (Files.exists(file)) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } else {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
        Files.writeString(file, content);
    }
}
