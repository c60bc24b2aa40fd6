package org.citypromise.pledge.domain;

/** Who makes a pledge, as real City Promise programmes enrol them. */
public enum StakeholderType {
    INDIVIDUAL, HOUSEHOLD, BUSINESS, SCHOOL, COMMUNITY_GROUP, PUBLIC_INSTITUTION
}
