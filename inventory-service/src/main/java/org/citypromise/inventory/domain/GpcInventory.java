package org.citypromise.inventory.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A city's community-scale greenhouse-gas inventory for one year, GPC-compliant: rows by reference
 * number, each with an amount or a notation key, under one GWP set.
 */
public record GpcInventory(CityId city, int year, GwpSet gwpSet, List<InventoryRow> rows) {

    /** The first year any City Promise programme reports against (the Kyoto base year). */
    public static final int EARLIEST_YEAR = 1990;
    /** Ten gigatonnes: more than any city emits by two orders of magnitude. */
    public static final BigDecimal MAX_TONNES = new BigDecimal("10000000000");
    /** Amounts are kept to the gram. */
    public static final int TONNE_SCALE = 6;

    public GpcInventory {
        rows = List.copyOf(rows);
    }

    /** A row as a client submits it; anything may be missing or wrong. */
    public record RowSubmission(String gpcRef, BigDecimal tco2e, Map<String, BigDecimal> gases, String notationKey,
                                String includedIn) {
    }

    /**
     * Validates an inventory as a client submitted it, reporting every problem against its field
     * ({@code year}, {@code rows[2].gases.CH4}, ...), and computes each row's tCO2e.
     *
     * @param currentYear inventories of years after it are refused
     */
    public static GpcInventory publish(CityId city, Integer year, String gwpSet, List<RowSubmission> rows,
                                       int currentYear) {
        Violations violations = new Violations()
                .require(year != null, "year", "is required")
                .require(year == null || (year >= EARLIEST_YEAR && year <= currentYear), "year",
                        "must be between " + EARLIEST_YEAR + " and " + currentYear + " (no inventories of future years)")
                .require(gwpSet != null, "gwpSet", "is required")
                .require(rows != null && !rows.isEmpty(), "rows", "must hold at least one row")
                .require(rows == null || rows.size() <= GpcTable.rows().size(), "rows",
                        "must hold at most one entry per GPC reference number (" + GpcTable.rows().size() + ")");
        GwpSet set = null;
        if (gwpSet != null) {
            try {
                set = GwpSet.valueOf(gwpSet);
            } catch (IllegalArgumentException e) {
                violations.require(false, "gwpSet", "must be AR5 or AR6");
            }
        }
        List<InventoryRow> accepted = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; rows != null && i < rows.size() && i <= GpcTable.rows().size(); i++) {
            InventoryRow row = row("rows[" + i + "]", rows.get(i), set, seen, violations);
            if (row != null) {
                accepted.add(row);
            }
        }
        violations.throwIfAny();
        return new GpcInventory(city, year, set, accepted);
    }

    private static InventoryRow row(String field, RowSubmission submission, GwpSet set, Set<String> seen,
                                    Violations violations) {
        if (submission == null) {
            violations.require(false, field, "must be a row object");
            return null;
        }
        GpcRow gpcRow = GpcTable.row(submission.gpcRef()).orElse(null);
        violations.require(submission.gpcRef() != null, field + ".gpcRef", "is required")
                .require(submission.gpcRef() == null || gpcRow != null, field + ".gpcRef",
                        "is not a GPC reference number (e.g. I.1.1, II.4.3, III.2.2, VI.1)")
                .require(gpcRow == null || seen.add(gpcRow.reference()), field + ".gpcRef",
                        "appears twice; give each reference number one row");
        boolean hasTonnes = submission.tco2e() != null;
        boolean hasGases = submission.gases() != null && !submission.gases().isEmpty();
        boolean hasKey = submission.notationKey() != null;
        int given = (hasTonnes ? 1 : 0) + (hasGases ? 1 : 0) + (hasKey ? 1 : 0);
        violations.require(given == 1, field, given == 0
                ? "needs an amount (tco2e or gases) or a notationKey"
                : "carries a number or a notation key (and tco2e or gases), never both");
        violations.require(submission.includedIn() == null || "IE".equals(submission.notationKey()),
                field + ".includedIn", "goes only with notationKey IE");
        violations.require(submission.includedIn() == null || GpcTable.row(submission.includedIn()).isPresent(),
                field + ".includedIn", "is not a GPC reference number");
        if (given != 1 || gpcRow == null) {
            return null;
        }
        if (hasKey) {
            NotationKey key = notationKey(submission.notationKey());
            violations.require(key != null, field + ".notationKey", "must be one of NO, IE, NE, C");
            return key == null ? null : new InventoryRow(gpcRow, null, Map.of(), key, submission.includedIn());
        }
        if (hasTonnes) {
            return amount(field + ".tco2e", submission.tco2e(), violations)
                    ? new InventoryRow(gpcRow, scaled(submission.tco2e()), Map.of(), null, null) : null;
        }
        Map<Gas, BigDecimal> gases = new EnumMap<>(Gas.class);
        BigDecimal total = BigDecimal.ZERO;
        boolean clean = true;
        for (Map.Entry<String, BigDecimal> entry : submission.gases().entrySet()) {
            String gasField = field + ".gases." + entry.getKey();
            Gas gas = Gas.fromJsonName(entry.getKey());
            if (gas == null) {
                violations.require(false, gasField, "is not a Kyoto gas (CO2, CH4, CH4_fossil, N2O, HFCs, PFCs, SF6, NF3)");
                clean = false;
                continue;
            }
            if (set == null || !amount(gasField, entry.getValue(), violations)) {
                clean = false;
                continue;
            }
            BigDecimal potential = set.potential(gas).orElse(null);
            if (potential == null) {
                violations.require(false, gasField, "has no GWP in " + set + " (report it as CH4)");
                clean = false;
                continue;
            }
            gases.put(gas, entry.getValue());
            total = total.add(entry.getValue().multiply(potential));
        }
        return clean ? new InventoryRow(gpcRow, scaled(total), gases, null, null) : null;
    }

    private static boolean amount(String field, BigDecimal value, Violations violations) {
        // to the gram: finer is noise, and an amount of 40 digits could not even be stored (Decimal128)
        boolean ok = value != null && value.signum() >= 0 && value.compareTo(MAX_TONNES) <= 0
                && value.stripTrailingZeros().scale() <= TONNE_SCALE;
        violations.require(ok, field, "must be a number of tonnes between 0 and " + MAX_TONNES.toPlainString()
                + ", at most " + TONNE_SCALE + " decimals");
        return ok;
    }

    private static BigDecimal scaled(BigDecimal tonnes) {
        return tonnes.setScale(TONNE_SCALE, RoundingMode.HALF_EVEN);
    }

    private static NotationKey notationKey(String value) {
        for (NotationKey key : NotationKey.values()) {
            if (key.name().equals(value)) {
                return key;
            }
        }
        return null;
    }

    /** BASIC, BASIC+ and territorial totals, overall and for each sector the inventory has rows in. */
    public InventoryTotals totals() {
        InventoryTotals.Totals overall = InventoryTotals.Totals.ZERO;
        Map<GpcSector, InventoryTotals.Totals> bySector = new EnumMap<>(GpcSector.class);
        for (InventoryRow row : rows) {
            overall = overall.plus(row);
            GpcSector sector = row.row().sector();
            bySector.put(sector, bySector.getOrDefault(sector, InventoryTotals.Totals.ZERO).plus(row));
        }
        return new InventoryTotals(overall, bySector);
    }
}
