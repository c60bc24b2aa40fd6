package org.citypromise.inventory.domain;

/**
 * One row of a GPC inventory: a reference number such as {@code I.1.2} (sector I, sub-sector 1, row 2),
 * the scope of the emissions it holds and the reporting level they count toward.
 */
public record GpcRow(String reference, GpcSector sector, String subSector, String subSectorName, int scope,
                     ReportingLevel level) {

    /** Counts in BASIC+ (which includes BASIC). */
    public boolean countsInBasicPlus() {
        return level == ReportingLevel.BASIC || level == ReportingLevel.BASIC_PLUS;
    }

    public boolean countsInBasic() {
        return level == ReportingLevel.BASIC;
    }

    /** Scope 1 rows make up the territorial total, whatever their reporting level. */
    public boolean countsInTerritorial() {
        return scope == 1;
    }
}
