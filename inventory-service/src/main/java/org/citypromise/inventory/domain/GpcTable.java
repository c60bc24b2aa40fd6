package org.citypromise.inventory.domain;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.citypromise.inventory.domain.ReportingLevel.BASIC;
import static org.citypromise.inventory.domain.ReportingLevel.BASIC_PLUS;
import static org.citypromise.inventory.domain.ReportingLevel.OTHER_SCOPE_3;
import static org.citypromise.inventory.domain.ReportingLevel.TERRITORIAL_ONLY;

/**
 * Every valid reference number of the GPC (Global Protocol for Community-Scale Greenhouse Gas Emission
 * Inventories) with the scope of its emissions and the reporting level they count toward. Only these
 * reference numbers are accepted in an inventory; scopes and totals follow from this table alone.
 */
public final class GpcTable {

    private static final Map<String, GpcRow> ROWS = build();

    private GpcTable() {
    }

    public static Optional<GpcRow> row(String reference) {
        return Optional.ofNullable(reference).map(ROWS::get);
    }

    public static Collection<GpcRow> rows() {
        return Collections.unmodifiableCollection(ROWS.values());
    }

    private static Map<String, GpcRow> build() {
        Map<String, GpcRow> rows = new LinkedHashMap<>();
        Table t = new Table(rows);
        // I Stationary energy
        for (String[] sub : new String[][] {{"1", "Residential buildings"}, {"2", "Commercial and institutional buildings and facilities"},
                {"3", "Manufacturing industries and construction"},
                {"5", "Agriculture, forestry and fishing activities"}, {"6", "Non-specified sources"}}) {
            t.add(GpcSector.I, sub, 1, 1, BASIC).add(GpcSector.I, sub, 2, 2, BASIC).add(GpcSector.I, sub, 3, 3, BASIC_PLUS);
        }
        String[] energyIndustries = {"4", "Energy industries"};
        t.add(GpcSector.I, energyIndustries, 1, 1, BASIC).add(GpcSector.I, energyIndustries, 2, 2, BASIC)
                .add(GpcSector.I, energyIndustries, 3, 3, BASIC_PLUS)
                // energy generation supplied to the grid: territorial only, or it would count twice with scope 2
                .add(GpcSector.I, energyIndustries, 4, 1, TERRITORIAL_ONLY);
        t.add(GpcSector.I, new String[] {"7", "Fugitive emissions from mining, processing, storage and transportation of coal"}, 1, 1, BASIC);
        t.add(GpcSector.I, new String[] {"8", "Fugitive emissions from oil and natural gas systems"}, 1, 1, BASIC);
        // II Transportation
        for (String[] sub : new String[][] {{"1", "On-road"}, {"2", "Railways"}, {"3", "Waterborne navigation"}, {"4", "Aviation"}}) {
            t.add(GpcSector.II, sub, 1, 1, BASIC).add(GpcSector.II, sub, 2, 2, BASIC).add(GpcSector.II, sub, 3, 3, BASIC_PLUS);
        }
        String[] offRoad = {"5", "Off-road"};
        t.add(GpcSector.II, offRoad, 1, 1, BASIC).add(GpcSector.II, offRoad, 2, 2, BASIC);
        // III Waste: .1 generated and treated inside, .2 generated inside and treated outside, .3 generated outside, treated inside
        for (String[] sub : new String[][] {{"1", "Solid waste disposal"}, {"2", "Biological treatment of waste"},
                {"3", "Incineration and open burning"}, {"4", "Wastewater treatment and discharge"}}) {
            t.add(GpcSector.III, sub, 1, 1, BASIC).add(GpcSector.III, sub, 2, 3, BASIC).add(GpcSector.III, sub, 3, 1, TERRITORIAL_ONLY);
        }
        // IV IPPU, V AFOLU
        t.add(GpcSector.IV, new String[] {"1", "Industrial processes"}, 1, 1, BASIC_PLUS);
        t.add(GpcSector.IV, new String[] {"2", "Product use"}, 1, 1, BASIC_PLUS);
        t.add(GpcSector.V, new String[] {"1", "Livestock"}, 1, 1, BASIC_PLUS);
        t.add(GpcSector.V, new String[] {"2", "Land"}, 1, 1, BASIC_PLUS);
        t.add(GpcSector.V, new String[] {"3", "Aggregate sources and non-CO2 emission sources on land"}, 1, 1, BASIC_PLUS);
        // VI Other scope 3: one row, referenced as VI.1
        rows.put("VI.1", new GpcRow("VI.1", GpcSector.VI, "VI.1", "Other scope 3", 3, OTHER_SCOPE_3));
        return rows;
    }

    private record Table(Map<String, GpcRow> rows) {
        Table add(GpcSector sector, String[] subSector, int row, int scope, ReportingLevel level) {
            String sub = sector.name() + "." + subSector[0];
            String reference = sub + "." + row;
            rows.put(reference, new GpcRow(reference, sector, sub, subSector[1], scope, level));
            return this;
        }
    }
}
