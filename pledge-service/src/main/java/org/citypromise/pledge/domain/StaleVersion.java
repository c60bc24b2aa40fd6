package org.citypromise.pledge.domain;

import java.util.UUID;

/** The pledge is no longer at the version a change was made from: another change came first. */
public class StaleVersion extends RuntimeException {

    public StaleVersion(UUID id, long expected) {
        super("pledge " + id + " is no longer at version " + expected);
    }
}
