package org.citypromise.web.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.citypromise.web.application.CityUpdates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;

/**
 * Reads aggregation-service's city-contributions snapshots for the open city pages. Each instance has a
 * consumer group of its own (a random suffix) and starts from the latest offsets, so that every instance
 * sees every update from the moment it starts: the pages got the current numbers over HTTP. Plain Spring
 * Kafka rather than Spring Cloud Stream: one listener on one topic, nothing to bind or produce.
 */
public class CityContributionsSubscription {

    static final String TOPIC = "city-contributions";
    private static final Logger log = LoggerFactory.getLogger(CityContributionsSubscription.class);

    private final CityUpdates updates;
    private final JsonMapper json;

    public CityContributionsSubscription(CityUpdates updates, JsonMapper json) {
        this.updates = updates;
        this.json = json;
    }

    @KafkaListener(id = "city-contributions", topics = TOPIC,
            groupId = "${citypromise.web.live.group}-${random.uuid}")
    void read(ConsumerRecord<String, byte[]> record) {
        String type = header(record, "ce_type");
        if (!CityContributionUpdated.TYPE.equals(type)) {
            log.debug("skipping {} at {}-{}@{}: not a type this site reads", type, record.topic(),
                    record.partition(), record.offset());
            return;
        }
        try {
            CityContributionUpdated snapshot = read(record.value());
            updates.arrived(snapshot.numbers());
        } catch (RuntimeException unreadable) {
            // a snapshot the pages cannot show is skipped: the next one of the city carries the whole view again
            log.warn("skipping an unreadable city snapshot {} at {}-{}@{}: {}", header(record, "ce_id"),
                    record.topic(), record.partition(), record.offset(), unreadable.getMessage());
        }
    }

    CityContributionUpdated read(byte[] value) {
        CityContributionUpdated snapshot = json.readValue(value, CityContributionUpdated.class);
        if (snapshot.contribution() == null || snapshot.contribution().cityId() == null) {
            throw new IllegalArgumentException("no contribution.cityId");
        }
        return snapshot;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
