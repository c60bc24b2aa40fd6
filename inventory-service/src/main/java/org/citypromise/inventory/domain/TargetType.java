package org.citypromise.inventory.domain;

/** The kinds of mitigation target cities report to CDP-ICLEI Track. */
public enum TargetType {
    /** -X% against the base year's emissions by the target year (Seoul: -40% against 2005 by 2030). */
    BASE_YEAR,
    /** -X% per capita against the base year, applied to the population expected in the target year. */
    BASE_YEAR_INTENSITY,
    /** -X% against a business-as-usual projection of the target year's emissions. */
    BASELINE_SCENARIO,
    /** An absolute level by the target year; net zero is a fixed level of 0. */
    FIXED_LEVEL
}
