package org.citypromise.aggregation.messaging;

import org.citypromise.aggregation.domain.GpcSector;
import org.citypromise.aggregation.domain.PledgeContribution;
import org.citypromise.aggregation.domain.StakeholderType;
import org.citypromise.aggregation.domain.Tco2e;
import org.citypromise.aggregation.store.ContributionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;

/**
 * Applies the events of both topics to the city views. An event that cannot be read is skipped with
 * a warning that says where it is (retrying cannot fix it); a store failure propagates, so the binder
 * retries the record and never commits past it.
 */
public class ContributionEvents {

    private static final Logger log = LoggerFactory.getLogger(ContributionEvents.class);

    /** A consumer's copy reads only what it needs; producers may add fields. */
    static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final ContributionStore store;
    private final Clock clock;

    public ContributionEvents(ContributionStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public void onInventoryEvent(Message<byte[]> message) {
        ReceivedEvent event = ReceivedEvent.of(message);
        if (!AggregationTopics.CITY_REGISTERED.equals(event.type())) {
            log.debug("Passing over {}", event);
            return;
        }
        CityRegistered city;
        try {
            city = readCity(event.body());
        } catch (JacksonException | IllegalArgumentException e) {
            log.warn("Skipping unreadable {}: {}", event, e.getMessage());
            return;
        }
        var outcome = store.applyCity(city.cityId(), city.name(), city.countryCode(), city.population(),
                city.version(), clock.instant());
        log.info("City {} version {}: {}", city.cityId(), city.version(), outcome);
    }

    public void onPledgeEvent(Message<byte[]> message) {
        ReceivedEvent event = ReceivedEvent.of(message);
        if (!AggregationTopics.PLEDGE_SUBMITTED.equals(event.type())) {
            log.warn("Skipping {}: not a type this service knows", event);
            return;
        }
        PledgeContribution contribution;
        try {
            contribution = contribution(readPledge(event.body()));
        } catch (JacksonException | IllegalArgumentException e) {
            log.warn("Skipping unreadable {}: {}", event, e.getMessage());
            return;
        }
        var outcome = store.applyPledge(contribution, event.position(), clock.instant());
        log.debug("Pledge {} of {}: {}", contribution.pledgeId(), contribution.cityId(), outcome);
    }

    static CityRegistered readCity(byte[] body) {
        CityRegistered city = JSON.readValue(body, CityRegistered.class);
        if (city.cityId() == null || city.version() < 1) {
            throw new IllegalArgumentException("cityId and a version of at least 1 are required");
        }
        return city;
    }

    static PledgeSubmitted readPledge(byte[] body) {
        PledgeSubmitted pledge = JSON.readValue(body, PledgeSubmitted.class);
        if (pledge.pledgeId() == null || pledge.cityId() == null || pledge.stakeholderType() == null) {
            throw new IllegalArgumentException("pledgeId, cityId and stakeholderType are required");
        }
        return pledge;
    }

    static PledgeContribution contribution(PledgeSubmitted pledge) {
        return new PledgeContribution(pledge.pledgeId(), pledge.version(), pledge.cityId(),
                StakeholderType.valueOf(pledge.stakeholderType()), GpcSector.of(pledge.gpcRef()),
                Tco2e.toGrams(pledge.estimatedTco2ePerYear()));
    }
}
