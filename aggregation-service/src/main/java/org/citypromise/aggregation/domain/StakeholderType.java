package org.citypromise.aggregation.domain;

/** Who pledged; the aggregation breaks contributions down by it. */
public enum StakeholderType {
    INDIVIDUAL, HOUSEHOLD, BUSINESS, SCHOOL, COMMUNITY_GROUP, PUBLIC_INSTITUTION
}
