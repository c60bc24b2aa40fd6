package org.citypromise.local;

import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A single-node KRaft Kafka broker run from the Maven Central jars on a classpath, as a process of its
 * own: the local stack's broker, and the one the fault tests and the benchmark kill and restart. Its
 * data lives in {@code dataDir}; a restart finds it there.
 */
public final class KafkaBroker {

    private final String host;
    private final int port;
    private final int controllerPort;
    private final Path dataDir;
    private final Path log;
    private final String java;
    private final String classpath;

    public KafkaBroker(String host, int port, int controllerPort, Path dataDir, Path log, String java,
                       String classpath) {
        this.host = host;
        this.port = port;
        this.controllerPort = controllerPort;
        this.dataDir = dataDir;
        this.log = log;
        this.java = java;
        this.classpath = classpath;
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
}
