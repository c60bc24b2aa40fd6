package org.citypromise.inventory.domain;

/** The six sectors of the GPC. */
public enum GpcSector {
    I("Stationary energy"),
    II("Transportation"),
    III("Waste"),
    IV("Industrial processes and product use"),
    V("Agriculture, forestry and other land use"),
    VI("Other scope 3");

    private final String title;

    GpcSector(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
