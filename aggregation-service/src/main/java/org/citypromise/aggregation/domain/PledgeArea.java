package org.citypromise.aggregation.domain;

/** The ten areas of the Promise of Seoul an action belongs to; the views break pledges down by them. */
public enum PledgeArea {
    ENERGY, AIR_QUALITY, TRANSPORT, WASTE_TO_RESOURCE, WATER, ECOLOGY, URBAN_AGRICULTURE, HEALTH, SAFETY,
    URBAN_PLANNING
}
