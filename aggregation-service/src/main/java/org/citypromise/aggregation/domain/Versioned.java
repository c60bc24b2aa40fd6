package org.citypromise.aggregation.domain;

/** A value as its producer published it, with the version it had: a lower or equal version changes nothing. */
public record Versioned<T>(T value, long version) {
}
