package org.citypromise.pledge.messaging;

import org.citypromise.pledge.store.KnownCities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Learns from {@value PledgeEvents#INVENTORY_TOPIC} which cities are registered, so that a pledge for a
 * city inventory-service does not know is refused, and each city's own emission factors, which
 * estimates use before the catalog's defaults. Other inventory events are passed over.
 */
public class InventoryEventsListener implements Consumer<Message<byte[]>> {

    private static final Logger log = LoggerFactory.getLogger(InventoryEventsListener.class);

    /** A consumer's copy reads only what it needs; the producer may add fields. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final KnownCities cities;

    public InventoryEventsListener(KnownCities cities) {
        this.cities = cities;
    }

    @Override
    public void accept(Message<byte[]> message) {
        String type = attribute(message, "type");
        try {
            if (PledgeEvents.CITY_REGISTERED.equals(type)) {
                CityRegistered city = read(message.getPayload());
                if (cities.remember(city)) {
                    log.info("Learned city {} (version {})", city.cityId(), city.version());
                }
            } else if (PledgeEvents.EMISSION_FACTORS_PUBLISHED.equals(type)) {
                EmissionFactorsPublished factors = readFactors(message.getPayload());
                if (cities.rememberFactors(factors)) {
                    log.info("Learned {} emission factors of {} (version {})", factors.factors().size(),
                            factors.cityId(), factors.version());
                }
            }
        } catch (JacksonException | IllegalArgumentException e) {
            // Retrying cannot fix a malformed event; skip it and say where it is.
            log.warn("Skipping unreadable {} event {} at {}-{}@{}: {}", type, attribute(message, "id"),
                    message.getHeaders().get(KafkaHeaders.RECEIVED_TOPIC),
                    message.getHeaders().get(KafkaHeaders.RECEIVED_PARTITION),
                    message.getHeaders().get(KafkaHeaders.OFFSET), e.getMessage());
        }
    }

    /** Reads the body of a {@value PledgeEvents#CITY_REGISTERED} event into this service's copy. */
    public static CityRegistered read(byte[] body) {
        CityRegistered city = JSON.readValue(body, CityRegistered.class);
        if (city.cityId() == null || city.version() < 1) {
            throw new IllegalArgumentException("cityId and version are required");
        }
        return city;
    }

    /** Reads the body of a {@value PledgeEvents#EMISSION_FACTORS_PUBLISHED} event into this service's copy. */
    public static EmissionFactorsPublished readFactors(byte[] body) {
        EmissionFactorsPublished factors = JSON.readValue(body, EmissionFactorsPublished.class);
        if (factors.cityId() == null || factors.version() < 1 || factors.factors() == null
                || factors.factors().stream().anyMatch(f -> f == null || f.code() == null || f.value() == null
                || f.unit() == null || f.source() == null)) {
            throw new IllegalArgumentException("cityId, version and complete factors are required");
        }
        return factors;
    }

    /**
     * A CloudEvent attribute of a received message. On Kafka it travels as header {@code ce_<name>};
     * Spring Cloud Function's CloudEvents support renames it {@code ce-<name>} on the way in. The value
     * is raw bytes unless the producer's header mapper declared it as text.
     */
    static String attribute(Message<?> message, String name) {
        Object value = message.getHeaders().get("ce_" + name);
        if (value == null) {
            value = message.getHeaders().get("ce-" + name);
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value == null ? null : value.toString();
    }
}
