package org.citypromise.aggregation;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.citypromise.aggregation.domain.CityContribution;
import org.citypromise.aggregation.messaging.AggregationTopics;
import org.citypromise.aggregation.messaging.DeadLetters;
import org.citypromise.backbone.TopicTail;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What cannot be read: dead letters with why and where from, re-driven once readable, per generation. */
class DeadLetterIntegrationTest extends ViewsIntegrationTestBase {

    // --- What cannot be read, and what cannot be written ---

    @Test
    void poisonRecordsGoToTheDeadLetterTopicWithWhyAndWhereFromAndLaterRecordsOfTheCityAreStillTaken() {
        String cityId = unique("seoul");
        RecordMetadata notJson = write(new Sent(AggregationTopics.PLEDGE_EVENTS, cityId,
                headers(AggregationTopics.PLEDGE_SUBMITTED, "pledges/x"), "{not json".getBytes(StandardCharsets.UTF_8)));
        write(new Sent(AggregationTopics.PLEDGE_EVENTS, cityId,
                headers(AggregationTopics.PLEDGE_SUBMITTED, "pledges/y"), "null".getBytes(StandardCharsets.UTF_8)));
        write(new Sent(AggregationTopics.PLEDGE_EVENTS, cityId,
                headers("org.citypromise.pledge.pledge-submitted.v2", "pledges/z"),
                "{\"pledgeId\":\"z\"}".getBytes(StandardCharsets.UTF_8)));
        write(new Sent(AggregationTopics.PLEDGE_EVENTS, cityId, Map.of(), "{}".getBytes(StandardCharsets.UTF_8)));
        write(new Sent(AggregationTopics.PLEDGE_EVENTS, cityId, headers(AggregationTopics.PLEDGE_SUBMITTED, "pledges/t"), null));
        write(new Sent(AggregationTopics.PLEDGE_EVENTS, cityId, headers(AggregationTopics.PLEDGE_SUBMITTED, "pledges/n"),
                ("{\"pledgeId\":\"n\",\"cityId\":\"%s\",\"stakeholderType\":\"HOUSEHOLD\",\"gpcRef\":\"I.1.1\","
                        + "\"scope\":1,\"estimatedTco2ePerYear\":-1,\"version\":1}").formatted(cityId)
                        .getBytes(StandardCharsets.UTF_8)));
        pledge(cityId, "PUBLIC_INSTITUTION", "I.1.2", "2.000001");

        write(new Sent(AggregationTopics.INVENTORY_EVENTS, cityId,
                headers("org.citypromise.inventory.city-renamed.v9", "cities/" + cityId),
                "{\"cityId\":\"%s\"}".formatted(cityId).getBytes(StandardCharsets.UTF_8)));
        write(new Sent(AggregationTopics.INVENTORY_EVENTS, cityId,
                headers(AggregationTopics.CITY_REGISTERED, "cities/" + cityId), "[1,2]".getBytes(StandardCharsets.UTF_8)));
        city(cityId, "Seoul", "KR", 9386034, 3);

        assertThat(awaitPledgeCount(cityId, 1).pledgedGramsPerYear()).isEqualTo(2_000_001L);
        await().atMost(DELIVERY).until(() -> "Seoul".equals(store().find(cityId).orElseThrow().name()));

        List<TopicTail.Event> letters;
        try (TopicTail tail = TopicTail.of(AggregationTopics.DEAD_LETTERS)) {
            // a rebuild reads the same records again and sends its own copy: one of each origin
            letters = tail.awaitKey(cityId, 8, DELIVERY).stream().filter(letter -> "1".equals(letter.header("dlt_generation"))
                    || letter.header("dlt_generation").equals(Integer.toString(generations.state().serving())))
                    .collect(java.util.stream.Collectors.toMap(letter -> letter.header("dlt_origin_topic") + "@"
                            + letter.header("dlt_origin_offset"), letter -> letter, (a, b) -> a, LinkedHashMap::new))
                    .values().stream().toList();
        }
        assertThat(letters).extracting(letter -> letter.header("dlt_reason")).containsExactly(
                "unparseable", "schema", "unknown-type", "unknown-type", "unparseable", "schema", "unknown-type", "schema");
        TopicTail.Event first = letters.get(0);
        assertThat(first.value()).isEqualTo("{not json");
        assertThat(first.header("ce_subject")).isEqualTo("pledges/x");
        assertThat(first.header("dlt_origin_topic")).isEqualTo(AggregationTopics.PLEDGE_EVENTS);
        assertThat(first.header("dlt_origin_partition")).isEqualTo(Integer.toString(notJson.partition()));
        assertThat(first.header("dlt_origin_offset")).isEqualTo(Long.toString(notJson.offset()));
        assertThat(letters.get(2).header("dlt_detail")).contains("pledge-submitted.v2");
        assertThat(letters.get(5).header("dlt_detail")).contains("never adds emissions");

        http.get().uri("/api/v1/admin/dead-letters?from={from}&limit=1", first.offset()).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.items[0].reason").isEqualTo("unparseable")
                .jsonPath("$.items[0].originOffset").isEqualTo((int) notJson.offset())
                .jsonPath("$.items[0].key").isEqualTo(cityId)
                .jsonPath("$.items[0].body").isEqualTo("{not json");

        String metrics = prometheus();
        assertThat(metrics).containsPattern(
                        "citypromise_aggregation_events_total\\{[^}]*outcome=\"dead-lettered\",topic=\"pledge-events\"")
                .containsPattern(
                        "citypromise_aggregation_dead_letters_total\\{[^}]*reason=\"unknown-type\",topic=\"inventory-events\"")
                .containsPattern("citypromise_aggregation_events_total\\{[^}]*outcome=\"applied\",topic=\"pledge-events\"");
    }

    private String prometheus() {
        return new String(http.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBodyContent(), StandardCharsets.UTF_8);
    }

    @Test
    void deadLettersAreReDrivenIntoTheViewsOnceReadableAndReDrivingAgainChangesNothing() {
        String cityId = unique("hanoi");
        String buggy = new String(pledge(cityId, "HOUSEHOLD", "I.1.1", "1.5").value(), StandardCharsets.UTF_8)
                .replace("\"actionCode\":\"X\"", "\"actionCode\":\"BUGGY\"")
                .replaceAll("\"pledgeId\":\"[^\"]+\"", "\"pledgeId\":\"" + UUID.randomUUID() + "\"");
        write(new Sent(AggregationTopics.PLEDGE_EVENTS, cityId, headers(AggregationTopics.PLEDGE_SUBMITTED, "pledges/b"),
                buggy.getBytes(StandardCharsets.UTF_8)));
        pledge(cityId, "SCHOOL", "I.1.2", "2");
        try (TopicTail tail = TopicTail.of(AggregationTopics.DEAD_LETTERS)) {
            assertThat(tail.awaitKey(cityId, 1, DELIVERY)).hasSize(1);
        }
        awaitPledgeCount(cityId, 2);

        StoreOutages.fixed = true; // the fixed release is deployed, and stays
        http.post().uri("/api/v1/admin/dead-letters/redrive").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.outcomes.APPLIED").value(n -> assertThat((Integer) n).isGreaterThanOrEqualTo(1));
        CityContribution view = awaitPledgeCount(cityId, 3);
        assertThat(view.pledgedGramsPerYear()).isEqualTo(5_000_000L);

        http.post().uri("/api/v1/admin/dead-letters/redrive").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.outcomes.APPLIED").doesNotExist();
        assertThat(store().find(cityId).orElseThrow().pledgedGramsPerYear()).isEqualTo(5_000_000L);
    }

    /**
     * While views are rebuilt, both generations dead-letter what they cannot read. Each takes only its own
     * letters: another's have origins it reads itself, and one pledge taken from two topics by two consumers
     * at once could be counted twice.
     */
    @Test
    void aGenerationTakesOnlyTheDeadLettersItWroteItself() {
        String cityId = unique("davao");
        int serving = generations.state().serving();
        write(asLetter(pledge(cityId, "HOUSEHOLD", "I.1.1", "1", false), serving));
        write(asLetter(pledge(cityId, "SCHOOL", "I.1.1", "2", false), serving + 7));   // another generation's
        write(asLetter(pledge(cityId, "BUSINESS", "I.1.1", "0.000001", false), serving)); // behind it, one partition

        CityContribution view = awaitPledgeCount(cityId, 2);
        assertThat(view.pledgedGramsPerYear()).isEqualTo(1_000_001L);
    }

    /** A record as the given generation dead-letters it: the record, with where it came from and why. */
    private static Sent asLetter(Sent origin, int generation) {
        Map<String, String> headers = new LinkedHashMap<>(origin.headers());
        headers.put(DeadLetters.REASON, "schema");
        headers.put(DeadLetters.ORIGIN_TOPIC, origin.topic());
        headers.put(DeadLetters.ORIGIN_PARTITION, "0");
        headers.put(DeadLetters.ORIGIN_OFFSET, "0");
        headers.put(DeadLetters.GENERATION, Integer.toString(generation));
        return new Sent(AggregationTopics.DEAD_LETTERS, origin.key(), headers, origin.value());
    }
}
