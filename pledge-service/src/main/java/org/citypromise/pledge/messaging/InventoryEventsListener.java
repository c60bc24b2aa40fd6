package org.citypromise.pledge.messaging;

import org.citypromise.kit.messaging.CloudEventHeaders;
import org.citypromise.pledge.domain.CityEmissionFactors;
import org.citypromise.pledge.domain.EmissionFactor;
import org.citypromise.pledge.domain.RegisteredCity;
import org.citypromise.pledge.store.KnownCities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.util.function.Consumer;

/**
 * Learns from {@value PledgeEvents#INVENTORY_TOPIC} which cities are registered, so that a pledge for a
 * city inventory-service does not know is refused, and each city's own emission factors, which
 * estimates use before the catalog's defaults. Other inventory events are passed over. Each event is
 * read into this service's own copy, then handed to the store as what it means in the domain; repeats and
 * late arrivals are harmless, since only a newer version replaces what is held.
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
        String type = CloudEventHeaders.attribute(message.getHeaders(), "type");
        try {
            if (PledgeEvents.CITY_REGISTERED.equals(type)) {
                CityRegistered city = read(message.getPayload());
                if (cities.remember(new RegisteredCity(city.cityId(), city.name(), city.countryCode(), city.version()))) {
                    log.info("Learned city {} (version {})", city.cityId(), city.version());
                }
            } else if (PledgeEvents.EMISSION_FACTORS_PUBLISHED.equals(type)) {
                EmissionFactorsPublished factors = readFactors(message.getPayload());
                if (cities.remember(ownFactors(factors))) {
                    log.info("Learned {} emission factors of {} (version {})", factors.factors().size(),
                            factors.cityId(), factors.version());
                }
            }
        } catch (JacksonException | IllegalArgumentException e) {
            // Retrying cannot fix a malformed event; skip it and say where it is.
            log.warn("Skipping unreadable {} event {} at {}-{}@{}: {}", type,
                    CloudEventHeaders.attribute(message.getHeaders(), "id"),
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

    /** The city's own factors in the domain's terms: a factor without a citable source is refused there. */
    static CityEmissionFactors ownFactors(EmissionFactorsPublished published) {
        return new CityEmissionFactors(published.cityId(), published.version(), published.factors().stream()
                .map(f -> new EmissionFactor(f.code(), f.value(), f.unit(), f.source(), f.year(),
                        EmissionFactor.Origin.CITY))
                .toList());
    }
}
