package org.citypromise.inventory.domain;

/** The client's {@code If-Match} names a version that is no longer (or not yet) the current one. */
public class StaleVersion extends RuntimeException {

    public StaleVersion(String id, long expected, long actual) {
        super(id + " is at version " + actual + ", not " + expected);
    }
}
