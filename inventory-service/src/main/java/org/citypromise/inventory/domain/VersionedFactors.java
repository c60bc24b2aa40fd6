package org.citypromise.inventory.domain;

import java.time.Instant;
import java.util.List;

/** A city's own emission factors, the whole list, with the version it is at and when it changed. */
public record VersionedFactors(CityId city, List<EmissionFactor> factors, long version, Instant changedAt) {
}
