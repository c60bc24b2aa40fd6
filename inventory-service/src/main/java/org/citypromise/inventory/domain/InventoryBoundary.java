package org.citypromise.inventory.domain;

import java.math.BigDecimal;

/** Which inventory total a target is measured against. */
public enum InventoryBoundary {
    BASIC, BASIC_PLUS, TERRITORIAL;

    public BigDecimal of(InventoryTotals.Totals totals) {
        return switch (this) {
            case BASIC -> totals.basic();
            case BASIC_PLUS -> totals.basicPlus();
            case TERRITORIAL -> totals.territorial();
        };
    }
}
