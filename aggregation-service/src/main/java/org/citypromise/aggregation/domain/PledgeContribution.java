package org.citypromise.aggregation.domain;

/**
 * What one pledge adds to its city's view: one pledge, its grams of CO2e per year, counted under its
 * stakeholder type and GPC sector.
 */
public record PledgeContribution(String pledgeId, long version, String cityId, StakeholderType stakeholderType,
                                 GpcSector sector, long gramsPerYear) {

    public PledgeContribution {
        if (gramsPerYear < 0) {
            throw new IllegalArgumentException("a pledge never adds emissions: " + gramsPerYear);
        }
        if (version < 1) {
            throw new IllegalArgumentException("versions start at 1: " + version);
        }
    }
}
