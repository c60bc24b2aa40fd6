package org.citypromise.pledge;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.citypromise.backbone.TopicWriter;
import org.citypromise.pledge.messaging.PledgeEvents;
import org.citypromise.pledge.store.KnownCities;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * Plays inventory-service in pledge-service's tests: declares inventory-events as it does (see {@link Topic}),
 * announces cities (and their factors) on it as it does, and waits until pledge-service has learned them.
 */
final class InventoryFeed implements AutoCloseable {

    /**
     * inventory-events as inventory-service declares it. pledge-service only waits for it (AwaitedTopics), so a
     * test context that starts pledge-service imports this, in place of inventory-service being up.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class Topic {
        @Bean
        NewTopic inventoryEventsAsInventoryServiceDeclaresIt() {
            return TopicBuilder.name(PledgeEvents.INVENTORY_TOPIC).partitions(6).replicas(1)
                    .config(TopicConfig.RETENTION_MS_CONFIG, "-1")
                    .config(TopicConfig.RETENTION_BYTES_CONFIG, "-1")
                    .build();
        }
    }

    private final TopicWriter writer = TopicWriter.toBackbone();

    /** Registers a new city named after {@code name}, with a unique id, and returns the id once known. */
    String registeredCity(String name, KnownCities knownCities) {
        String cityId = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        announce(cityId, PledgeEvents.CITY_REGISTERED, "cities/" + cityId,
                "{\"cityId\":\"" + cityId + "\",\"name\":\"" + name + "\",\"countryCode\":\"PH\",\"population\":803159,"
                        + "\"version\":1,\"changedAt\":\"2026-11-24T10:00:00Z\",\"someFutureField\":true}");
        await().atMost(Duration.ofSeconds(30)).until(() -> knownCities.isKnown(cityId));
        return cityId;
    }

    /** Writes one inventory-events record with the CloudEvent headers inventory-service sets. */
    void announce(String cityId, String type, String subject, String data) {
        writer.write(PledgeEvents.INVENTORY_TOPIC, cityId, Map.of(
                "ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(),
                "ce_source", "/citypromise/inventory-service", "ce_type", type,
                "ce_subject", subject, "ce_time", "2026-11-24T10:00:00Z"), data);
    }

    @Override
    public void close() {
        writer.close();
    }
}
