package org.citypromise.inventory.messaging;

import java.time.Instant;

/**
 * {@value InventoryEvents#CITY_REGISTERED}: a city was registered or its registration changed.
 * Carries the full new state and a version that grows by one with every change, so a consumer can
 * ignore repeats and anything older than what it holds.
 */
public record CityRegistered(String cityId, String name, String countryCode, long population, long version,
                             Instant changedAt) {
}
