package org.citypromise.benchmark;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.citypromise.kit.messaging.CloudEventHeaders;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Kafka records in the wire format of pledge-service and inventory-service: CloudEvents in binary mode
 * (attributes as {@code ce_} headers, raw UTF-8), a JSON body, key = cityId. Shaped after the examples
 * in {@code pledge-service/src/main/resources/events/examples/} and {@code inventory-service/...}.
 * Bodies are concatenated rather than serialized with Jackson so that producing a million of them
 * stays cheap next to what is measured.
 */
final class EventRecords {

    static final String PLEDGE_TOPIC = "pledge-events";
    static final String INVENTORY_TOPIC = "inventory-events";
    static final String PLEDGE_SUBMITTED = "org.citypromise.pledge.pledge-submitted.v1";
    static final String PLEDGE_UPDATED = "org.citypromise.pledge.pledge-updated.v1";
    static final String CITY_REGISTERED = "org.citypromise.inventory.city-registered.v1";
    /** LPG in kgCO2e/kg, as in the examples: every pledge is a cooking-gas reduction of some size. */
    static final BigDecimal LPG_FACTOR = new BigDecimal("2.98463");

    /** One version of a pledge, as pledge-service publishes it. */
    record PledgeVersion(UUID pledgeId, String cityId, String participantId, String stakeholderType, String gpcRef,
                         BigDecimal quantityKg, BigDecimal estimatedTco2ePerYear, String status, int version,
                         Instant pledgedAt, Instant changedAt) {
    }

    static ProducerRecord<String, byte[]> pledge(PledgeVersion pledge) {
        boolean fulfilled = pledge.status().equals("FULFILLED");
        String body = "{\"pledgeId\":\"" + pledge.pledgeId() + "\""
                + ",\"cityId\":\"" + pledge.cityId() + "\""
                + ",\"participantId\":" + (pledge.participantId() == null ? "null" : "\"" + pledge.participantId() + "\"")
                + ",\"stakeholderType\":\"" + pledge.stakeholderType() + "\""
                + ",\"actionCode\":\"COOKING_LPG_REDUCTION\",\"pledgeArea\":\"ENERGY\""
                + ",\"gpcRef\":\"" + pledge.gpcRef() + "\",\"scope\":1"
                + ",\"quantity\":" + pledge.quantityKg().toPlainString() + ",\"unit\":\"kg/yr\""
                + ",\"emissionFactor\":{\"code\":\"LPG\",\"value\":" + LPG_FACTOR + ",\"unit\":\"kgCO2e/kg\""
                + ",\"source\":\"IPCC 2006\",\"year\":null,\"origin\":\"DEFAULT\"}"
                + ",\"estimatedTco2ePerYear\":" + pledge.estimatedTco2ePerYear().toPlainString()
                + ",\"targetDate\":null"
                + ",\"achievedQuantity\":" + (fulfilled ? pledge.quantityKg().toPlainString() : "0")
                + ",\"achievedTco2ePerYear\":" + (fulfilled ? pledge.estimatedTco2ePerYear().toPlainString() : "0")
                + ",\"status\":\"" + pledge.status() + "\""
                + ",\"version\":" + pledge.version()
                + ",\"pledgedAt\":\"" + pledge.pledgedAt() + "\""
                + ",\"changedAt\":\"" + pledge.changedAt() + "\"}";
        return record(PLEDGE_TOPIC, pledge.cityId(), pledge.version() == 1 ? PLEDGE_SUBMITTED : PLEDGE_UPDATED,
                "/citypromise/pledge-service", "pledges/" + pledge.pledgeId(), body);
    }

    static ProducerRecord<String, byte[]> cityRegistered(String cityId, String name, String countryCode, long population,
                                                         Instant at) {
        String body = "{\"cityId\":\"" + cityId + "\",\"name\":\"" + name + "\",\"countryCode\":\"" + countryCode
                + "\",\"population\":" + population + ",\"version\":1,\"changedAt\":\"" + at + "\"}";
        return record(INVENTORY_TOPIC, cityId, CITY_REGISTERED, "/citypromise/inventory-service", "cities/" + cityId, body);
    }

    private static ProducerRecord<String, byte[]> record(String topic, String key, String type, String source,
                                                         String subject, String body) {
        return CloudEventHeaders.record(topic, key, CloudEventHeaders.event(UUID.randomUUID().toString(), source, type,
                subject, Instant.now(), body.getBytes(StandardCharsets.UTF_8)));
    }

    private EventRecords() {
    }
}
