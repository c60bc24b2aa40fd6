package org.citypromise.inventory.application;

import org.citypromise.inventory.domain.City;
import org.citypromise.inventory.domain.CityId;
import org.citypromise.inventory.domain.VersionedCity;
import org.citypromise.inventory.domain.Written;
import org.citypromise.inventory.messaging.Announcements;
import org.citypromise.inventory.messaging.CityRegistered;
import org.citypromise.inventory.messaging.InventoryEvents;
import org.citypromise.inventory.store.CityStore;
import org.citypromise.kit.outbox.PendingEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Registers cities and announces every change of a registration on {@value InventoryEvents#TOPIC}. */
@Service
public class CityRegistry {

    private static final Logger log = LoggerFactory.getLogger(CityRegistry.class);

    private final CityStore store;
    private final Announcements announcements;
    private final Clock clock;

    public CityRegistry(CityStore store, Announcements announcements, Clock clock) {
        this.store = store;
        this.announcements = announcements;
        this.clock = clock;
    }

    public Written<VersionedCity> register(City city, OptionalLong expectedVersion) {
        Instant now = clock.instant();
        Written<VersionedCity> registration = store.register(city, expectedVersion, now,
                version -> announcement(city, version, now));
        log.info("City {} {} (version {})", city.id(), registration.outcome().name().toLowerCase(),
                registration.stored().version());
        return registration;
    }

    public Optional<VersionedCity> find(CityId id) {
        return store.find(id);
    }

    public List<VersionedCity> list(int offset, int limit) {
        return store.list(offset, limit);
    }

    public long count() {
        return store.count();
    }

    private PendingEvent announcement(City city, long version, Instant now) {
        return announcements.of(InventoryEvents.CITY_REGISTERED, city.id().value(),
                InventoryEvents.citySubject(city.id().value()), now,
                new CityRegistered(city.id().value(), city.name(), city.countryCode(), city.population(), version, now));
    }
}
