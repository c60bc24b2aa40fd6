package org.citypromise.inventory.domain;

/**
 * Which GPC reporting level a row counts toward. BASIC+ includes BASIC; rows marked territorial count
 * in the scope 1 (territorial) total only; other scope 3 counts in none of the three.
 */
public enum ReportingLevel {
    BASIC, BASIC_PLUS, TERRITORIAL_ONLY, OTHER_SCOPE_3
}
