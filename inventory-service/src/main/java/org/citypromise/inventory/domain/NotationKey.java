package org.citypromise.inventory.domain;

/** What a row without a number says instead: the GPC's notation keys. */
public enum NotationKey {
    /** Not occurring. */
    NO,
    /** Included elsewhere: the row's emissions are reported in another row, which should be named. */
    IE,
    /** Not estimated. */
    NE,
    /** Confidential. */
    C
}
