package org.citypromise.kit.messaging;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** On a real KRaft broker: a consumer's start waits for its producer's topic, and gives up saying whose it is. */
class AwaitedTopicsTest {

    private static EmbeddedKafkaKraftBroker broker;
    private static Supplier<Admin> admins;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperty("auto.create.topics.enable", "true"); // as the dev broker: listing must not create
        broker.afterPropertiesSet();
        admins = () -> Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()));
    }

    @AfterAll
    static void stopBroker() {
        broker.destroy();
    }

    @Test
    void theStartWaitsUntilTheProducerHasDeclaredTheTopic() throws Exception {
        AwaitedTopics awaited = new AwaitedTopics(admins, Map.of("plans", "plan-service"), Duration.ofSeconds(60));
        CompletableFuture<Void> start = CompletableFuture.runAsync(awaited::start);

        Thread.sleep(1_500);
        assertThat(start).isNotDone();
        assertThat(awaited.isRunning()).isFalse();
        try (Admin admin = admins.get()) {
            assertThat(admin.listTopics().names().get()).doesNotContain("plans"); // waiting created nothing
            admin.createTopics(List.of(new NewTopic("plans", 3, (short) 1))).all().get();
        }

        start.get(10, TimeUnit.SECONDS);
        assertThat(awaited.isRunning()).isTrue();
        try (Admin admin = admins.get()) {
            assertThat(admin.describeTopics(List.of("plans")).allTopicNames().get().get("plans").partitions())
                    .hasSize(3); // the producer's declaration, not the broker's default
        }
    }

    @Test
    void aTopicThatNeverComesFailsTheStartNamingItAndItsProducer() {
        AwaitedTopics awaited = new AwaitedTopics(admins, Map.of("reports", "report-service"), Duration.ofSeconds(2));

        assertThatThrownBy(awaited::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("topic reports (declared by report-service)");
        assertThat(awaited.isRunning()).isFalse();
    }
}
