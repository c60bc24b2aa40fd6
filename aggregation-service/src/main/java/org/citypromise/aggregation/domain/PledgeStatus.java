package org.citypromise.aggregation.domain;

/** Where a pledge is in its life, as pledge-service reports it. */
public enum PledgeStatus {
    ACTIVE, FULFILLED, WITHDRAWN, LAPSED;

    /** Active and fulfilled pledges stand: their estimates count as pledged. Withdrawn and lapsed ones do not. */
    public boolean stands() {
        return this == ACTIVE || this == FULFILLED;
    }
}
