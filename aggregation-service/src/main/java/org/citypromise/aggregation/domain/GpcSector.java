package org.citypromise.aggregation.domain;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The six GPC sectors, numbered I to VI; a GPC reference number starts with its sector's numeral. */
public enum GpcSector {
    I("Stationary energy"), II("Transportation"), III("Waste"), IV("Industrial processes and product use"),
    V("Agriculture, forestry and other land use"), VI("Other scope 3");

    private static final Pattern REFERENCE = Pattern.compile("(I|II|III|IV|V|VI)\\.\\d+(\\.\\d+)?");

    private final String title;

    GpcSector(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    /** The sector of a GPC reference number such as {@code II.1.1}. */
    public static GpcSector of(String gpcRef) {
        Matcher matcher = gpcRef == null ? null : REFERENCE.matcher(gpcRef);
        if (matcher == null || !matcher.matches()) {
            throw new IllegalArgumentException("not a GPC reference number: " + gpcRef);
        }
        return valueOf(matcher.group(1));
    }
}
