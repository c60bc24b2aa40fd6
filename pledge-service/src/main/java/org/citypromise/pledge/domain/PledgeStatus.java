package org.citypromise.pledge.domain;

/** Where a pledge is in its life. Progress, fulfilment, withdrawal and lapsing come with the lifecycle. */
public enum PledgeStatus {
    ACTIVE
}
