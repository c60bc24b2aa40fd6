package org.citypromise.aggregation.domain;

import java.time.LocalDate;
import java.util.Map;

/**
 * One readable event as the views take it: what it says, which city it is about, and where it sits on
 * Kafka. The messaging adapter reads records into these; what it cannot read never gets here. How a
 * view takes each one: {@link CityView}.
 */
public sealed interface ViewEvent {

    String cityId();

    Position position();

    /**
     * A version of a pledge.
     *
     * @param participantId the participant's pseudonym, or null
     * @param day           the day (UTC) the pledge changed, under which the daily series counts it
     */
    record Pledge(PledgeContribution pledge, String participantId, LocalDate day,
                  Position position) implements ViewEvent {
        @Override
        public String cityId() {
            return pledge.cityId();
        }
    }

    /** A version of a city's registration. */
    record City(String cityId, String name, String countryCode, long population, long version,
                Position position) implements ViewEvent {
    }

    /** A version of one of the city's inventories. */
    record Inventory(String cityId, long version, LatestInventory inventory,
                     Position position) implements ViewEvent {
    }

    /** A version of the city's target. */
    record Target(String cityId, long version, CityTarget target, Position position)
            implements ViewEvent {
    }

    /** A version of the city's own emission factors, the whole list. */
    record Factors(String cityId, long version, Map<String, Restatement.CityFactor> factors,
                   Position position) implements ViewEvent {
    }
}
