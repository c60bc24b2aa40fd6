package org.citypromise.aggregation.messaging;

import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ReceivedEventTest {

    private static MessageBuilder<byte[]> record() {
        return MessageBuilder.withPayload("{}".getBytes(StandardCharsets.UTF_8))
                .setHeader(KafkaHeaders.RECEIVED_TOPIC, "pledge-events")
                .setHeader(KafkaHeaders.RECEIVED_PARTITION, 4)
                .setHeader(KafkaHeaders.OFFSET, 17L);
    }

    @Test
    void attributesAreReadWhetherTheyArriveAsRawBytesOrAsText() {
        Message<byte[]> raw = record()
                .setHeader("ce_type", AggregationTopics.PLEDGE_SUBMITTED.getBytes(StandardCharsets.UTF_8))
                .setHeader("ce_id", "3c1b9e2a".getBytes(StandardCharsets.UTF_8)).build();
        Message<byte[]> text = record().setHeader("ce_type", AggregationTopics.PLEDGE_SUBMITTED)
                .setHeader("ce_id", "3c1b9e2a").build();
        Message<byte[]> renamed = record().setHeader("ce-type", AggregationTopics.PLEDGE_SUBMITTED)
                .setHeader("ce-id", "3c1b9e2a").build();

        for (Message<byte[]> message : java.util.List.of(raw, text, renamed)) {
            ReceivedEvent event = ReceivedEvent.of(message);
            assertThat(event.type()).isEqualTo(AggregationTopics.PLEDGE_SUBMITTED);
            assertThat(event.id()).isEqualTo("3c1b9e2a");
            assertThat(event.position().topic()).isEqualTo("pledge-events");
            assertThat(event.position().partition()).isEqualTo(4);
            assertThat(event.position().offset()).isEqualTo(17L);
            assertThat(event).hasToString(AggregationTopics.PLEDGE_SUBMITTED + " 3c1b9e2a at pledge-events-4@17");
        }
    }

    @Test
    void aMissingTypeReadsAsNoType() {
        assertThat(ReceivedEvent.of(record().build()).type()).isNull();
    }
}
