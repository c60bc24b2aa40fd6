package org.citypromise.pledge.messaging;

/**
 * pledge-service's own copy of inventory-service's {@value PledgeEvents#CITY_REGISTERED}, with only
 * what it needs: which cities exist, at which version. Pinned by the contract test against the
 * producer's examples.
 */
public record CityRegistered(String cityId, String name, String countryCode, long version) {
}
