package org.citypromise.inventory.domain;

import java.time.Instant;

/** A registered city with the version its registration is at (one more with every change) and when it changed. */
public record VersionedCity(City city, long version, Instant changedAt) {
}
