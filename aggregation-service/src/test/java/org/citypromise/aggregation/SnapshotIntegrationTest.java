package org.citypromise.aggregation;

import org.citypromise.aggregation.messaging.AggregationTopics;
import org.citypromise.backbone.Backbone;
import org.citypromise.backbone.TopicTail;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Snapshots for subscribers on city-contributions, and the topics a rebuild and subscribers need. */
class SnapshotIntegrationTest extends ViewsIntegrationTestBase {

    // --- Snapshots for subscribers ---

    @Test
    void everyChangeOfACityReachesCityContributionsAsSnapshotsWithGrowingVersionsAtMostEvery250Ms() {
        String cityId = unique("osaka");
        city(cityId, "Osaka", "JP", 2_750_000, 1);
        for (int i = 0; i < 40; i++) {
            pledge(cityId, "HOUSEHOLD", "I.1.1", "0.25");
        }
        awaitPledgeCount(cityId, 40);

        var contract = org.citypromise.backbone.EventContract.own("city-contribution-updated.v1");
        var json = tools.jackson.databind.json.JsonMapper.builder().build();
        List<TopicTail.Event> snapshots;
        try (TopicTail tail = TopicTail.of(AggregationTopics.CITY_CONTRIBUTIONS)) {
            tail.await(event -> cityId.equals(event.key()) && event.value().contains("\"pledgeCount\":40"), 1, DELIVERY);
            snapshots = tail.awaitKey(cityId, 1, Duration.ZERO);
        }
        assertThat(snapshots).allSatisfy(snapshot -> {
            assertThat(contract.violations(snapshot.value())).isEmpty();
            assertThat(snapshot.header("ce_type")).isEqualTo(AggregationTopics.CITY_CONTRIBUTION_UPDATED);
            assertThat(snapshot.header("ce_subject")).isEqualTo("cities/" + cityId);
        });
        List<Long> versions = snapshots.stream().map(s -> json.readTree(s.value()).get("version").asLong()).toList();
        assertThat(versions).as("each snapshot newer than the one before").isSortedAccordingTo(Long::compare)
                .doesNotHaveDuplicates();
        var last = json.readTree(snapshots.get(snapshots.size() - 1).value()).get("contribution");
        assertThat(last.get("pledgeCount").asLong()).isEqualTo(40);
        assertThat(last.get("pledgedTco2ePerYear").decimalValue()).isEqualByComparingTo("10");
        assertThat(last.get("name").asString()).isEqualTo("Osaka");
        List<Instant> sent = snapshots.stream().map(s -> Instant.parse(s.header("ce_time"))).toList();
        for (int i = 1; i < sent.size(); i++) {
            assertThat(Duration.between(sent.get(i - 1), sent.get(i))).as("coalesced: one snapshot per interval")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(200));
        }
    }

    @Test
    void theTopicsKeepWhatARebuildAndSubscribersNeed() throws Exception {
        try (var admin = org.apache.kafka.clients.admin.AdminClient.create(Map.of(
                "bootstrap.servers", Backbone.get().kafkaBootstrapServers()))) {
            var topics = List.of(AggregationTopics.PLEDGE_EVENTS, AggregationTopics.INVENTORY_EVENTS,
                    AggregationTopics.DEAD_LETTERS, AggregationTopics.CITY_CONTRIBUTIONS);
            var resources = topics.stream().map(topic -> new org.apache.kafka.common.config.ConfigResource(
                    org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic)).toList();
            var configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
            var described = admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
            for (var resource : resources) {
                var config = configs.get(resource);
                if (resource.name().equals(AggregationTopics.CITY_CONTRIBUTIONS)) {
                    assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
                } else {
                    assertThat(config.get("retention.ms").value()).as(resource.name()).isEqualTo("-1");
                    assertThat(config.get("cleanup.policy").value()).isEqualTo("delete");
                }
            }
            assertThat(described.get(AggregationTopics.DEAD_LETTERS).partitions()).hasSize(1);
            assertThat(described.get(AggregationTopics.PLEDGE_EVENTS).partitions()).hasSize(6);
        }
    }
}
