package org.citypromise.aggregation.domain;

/**
 * What one version of a pledge adds to its city's view: one pledge, its grams of CO2e per year,
 * counted under its stakeholder type and the GPC sector of its sub-sector. No personal data.
 *
 * @param gpcRef       GPC reference number, e.g. {@code I.1.1}; its leading numeral is the sector
 * @param scope        GPC scope, 1 to 3
 * @param gramsPerYear the pledge's estimate in whole grams of CO2e per year; see {@link Tco2e}
 * @param status       where the pledge is in its life; only standing pledges count as pledged
 * @param achievedGramsPerYear what progress reports say is achieved, in whole grams of CO2e per year
 * @param area         the Promise of Seoul area of its action; null only in records counted before areas were
 * @param factor       the factor its estimate used and the activity; null only in records from before
 */
public record PledgeContribution(String pledgeId, long version, String cityId, StakeholderType stakeholderType,
                                 String actionCode, String gpcRef, int scope, long gramsPerYear,
                                 PledgeStatus status, long achievedGramsPerYear, PledgeArea area, FactorUse factor) {

    public PledgeContribution {
        if (pledgeId == null || pledgeId.isBlank() || cityId == null || cityId.isBlank()) {
            throw new IllegalArgumentException("a pledge needs its id and its city");
        }
        if (stakeholderType == null) {
            throw new IllegalArgumentException("a pledge needs its stakeholder type");
        }
        if (version < 1) {
            throw new IllegalArgumentException("versions start at 1: " + version);
        }
        if (status == null) {
            throw new IllegalArgumentException("a pledge needs its status");
        }
        if (achievedGramsPerYear < 0) {
            throw new IllegalArgumentException("nothing is achieved below zero: " + achievedGramsPerYear);
        }
        if (gramsPerYear < 0) {
            throw new IllegalArgumentException("a pledge never adds emissions: " + gramsPerYear);
        }
        if (scope < 1 || scope > 3) {
            throw new IllegalArgumentException("GPC scopes are 1, 2 and 3: " + scope);
        }
        GpcSector.of(gpcRef);
    }

    public GpcSector sector() {
        return GpcSector.of(gpcRef);
    }

    /** What it counts as pledged: its estimate while it stands, nothing once withdrawn or lapsed. */
    public long standingGramsPerYear() {
        return status.stands() ? gramsPerYear : 0;
    }
}
