package org.citypromise.pledge.domain;

/**
 * A city inventory-service has registered, at the version it announced: pledges are taken only for such
 * cities.
 */
public record RegisteredCity(String cityId, String name, String countryCode, long version) {
}
