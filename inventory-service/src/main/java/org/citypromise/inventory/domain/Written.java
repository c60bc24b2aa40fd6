package org.citypromise.inventory.domain;

/** Something versioned as it stands after a write, and what the write did. */
public record Written<T>(T stored, Outcome outcome) {
}
