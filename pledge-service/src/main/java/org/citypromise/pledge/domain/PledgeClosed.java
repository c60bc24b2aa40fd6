package org.citypromise.pledge.domain;

import java.util.UUID;

/** A change asked of a pledge that is fulfilled, withdrawn or lapsed: those are final. */
public class PledgeClosed extends RuntimeException {

    public PledgeClosed(UUID id, PledgeStatus status, String what) {
        super("cannot " + what + " pledge " + id + ": it is " + status.name().toLowerCase());
    }
}
