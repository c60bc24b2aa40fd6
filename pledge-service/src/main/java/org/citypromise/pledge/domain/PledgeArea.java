package org.citypromise.pledge.domain;

/** The ten areas of the Promise of Seoul that an action belongs to. */
public enum PledgeArea {
    ENERGY, AIR_QUALITY, TRANSPORT, WASTE_TO_RESOURCE, WATER, ECOLOGY, URBAN_AGRICULTURE, HEALTH, SAFETY,
    URBAN_PLANNING
}
