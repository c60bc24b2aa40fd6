package org.citypromise.inventory.domain;

import java.time.Instant;

/** A published inventory with the version it is at (one more with every re-publication) and when it changed. */
public record VersionedInventory(GpcInventory inventory, long version, Instant changedAt) {
}
