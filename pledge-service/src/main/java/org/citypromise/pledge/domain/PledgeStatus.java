package org.citypromise.pledge.domain;

/**
 * Where a pledge is in its life: active until it is fulfilled, withdrawn by its maker, or lapses when
 * its target date passes unfulfilled. The last three are final.
 */
public enum PledgeStatus {
    ACTIVE, FULFILLED, WITHDRAWN, LAPSED;

    public boolean isFinal() {
        return this != ACTIVE;
    }
}
