package org.citypromise.inventory.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GpcInventoryTest {

    private static final CityId SEOUL = new CityId("seoul");

    private static GpcInventory.RowSubmission tonnes(String ref, String tco2e) {
        return new GpcInventory.RowSubmission(ref, new BigDecimal(tco2e), null, null, null);
    }

    private static GpcInventory.RowSubmission key(String ref, String key) {
        return new GpcInventory.RowSubmission(ref, null, null, key, null);
    }

    private static GpcInventory publish(String gwp, GpcInventory.RowSubmission... rows) {
        return GpcInventory.publish(SEOUL, 2022, gwp, List.of(rows), 2026);
    }

    @Test
    void theTableHoldsEveryGpcRowWithItsScopeAndLevel() {
        // I: 5 sub-sectors x 3 rows + energy industries 4 + fugitive 2; II: 4 x 3 + off-road 2;
        // III: 4 x 3; IV: 2; V: 3; VI: 1
        assertThat(GpcTable.rows()).hasSize(15 + 4 + 2 + 12 + 2 + 12 + 2 + 3 + 1);
        assertThat(GpcTable.row("I.1.2").orElseThrow()).satisfies(row -> {
            assertThat(row.scope()).isEqualTo(2);
            assertThat(row.level()).isEqualTo(ReportingLevel.BASIC);
        });
        assertThat(GpcTable.row("I.4.4").orElseThrow().level()).isEqualTo(ReportingLevel.TERRITORIAL_ONLY);
        assertThat(GpcTable.row("II.4.3").orElseThrow().level()).isEqualTo(ReportingLevel.BASIC_PLUS);
        assertThat(GpcTable.row("III.2.2").orElseThrow().scope()).isEqualTo(3);
        assertThat(GpcTable.row("III.2.2").orElseThrow().level()).isEqualTo(ReportingLevel.BASIC);
        assertThat(GpcTable.row("III.1.3").orElseThrow().level()).isEqualTo(ReportingLevel.TERRITORIAL_ONLY);
        assertThat(GpcTable.row("VI.1").orElseThrow().level()).isEqualTo(ReportingLevel.OTHER_SCOPE_3);
        assertThat(GpcTable.row("II.5.3")).isEmpty();
        assertThat(GpcTable.row("I.7.2")).isEmpty();
        assertThat(GpcTable.row("IV.1.2")).isEmpty();
    }

    @Test
    void totalsFollowFromTheTable() {
        GpcInventory inventory = publish("AR5",
                tonnes("I.1.1", "1000"),       // BASIC, scope 1
                tonnes("I.1.2", "2000"),       // BASIC, scope 2
                tonnes("I.1.3", "100"),        // BASIC+, scope 3
                tonnes("I.4.4", "5000"),       // territorial only, scope 1
                tonnes("II.1.1", "3000"),      // BASIC, scope 1
                tonnes("II.4.3", "700"),       // BASIC+, scope 3
                tonnes("III.1.2", "400"),      // BASIC, scope 3
                tonnes("III.1.3", "50"),       // territorial only, scope 1
                tonnes("IV.1.1", "600"),       // BASIC+, scope 1
                tonnes("VI.1", "9999"),        // other scope 3: none of the three
                key("V.1.1", "NO"));
        InventoryTotals totals = inventory.totals();
        // BASIC = 1000 + 2000 + 3000 + 400 = 6400
        assertThat(totals.overall().basic()).isEqualByComparingTo("6400");
        // BASIC+ = 6400 + 100 + 700 + 600 = 7800
        assertThat(totals.overall().basicPlus()).isEqualByComparingTo("7800");
        // territorial (scope 1) = 1000 + 5000 + 3000 + 50 + 600 = 9650
        assertThat(totals.overall().territorial()).isEqualByComparingTo("9650");

        assertThat(totals.bySector().get(GpcSector.I).basic()).isEqualByComparingTo("3000");
        assertThat(totals.bySector().get(GpcSector.I).basicPlus()).isEqualByComparingTo("3100");
        assertThat(totals.bySector().get(GpcSector.I).territorial()).isEqualByComparingTo("6000");
        assertThat(totals.bySector().get(GpcSector.II).basicPlus()).isEqualByComparingTo("3700");
        assertThat(totals.bySector().get(GpcSector.III).territorial()).isEqualByComparingTo("50");
        assertThat(totals.bySector().get(GpcSector.V).basicPlus()).isEqualByComparingTo("0");
    }

    @Test
    void gasesAreConvertedWithTheInventorysGwpSet() {
        var gases = new GpcInventory.RowSubmission("III.1.1", null,
                Map.of("CO2", new BigDecimal("10"), "CH4", new BigDecimal("100"), "N2O", new BigDecimal("2")), null, null);
        // AR5: 10 + 100 x 28 + 2 x 265 = 10 + 2800 + 530 = 3340
        assertThat(publish("AR5", gases).rows().get(0).tco2e()).isEqualByComparingTo("3340");
        // AR6: 10 + 100 x 27.9 + 2 x 273 = 10 + 2790 + 546 = 3346
        assertThat(publish("AR6", gases).rows().get(0).tco2e()).isEqualByComparingTo("3346");

        var fluorinated = new GpcInventory.RowSubmission("IV.2.1", null,
                Map.of("SF6", new BigDecimal("0.01"), "NF3", new BigDecimal("0.001"), "HFCs", new BigDecimal("42.5"),
                        "CH4_fossil", new BigDecimal("1")), null, null);
        // AR6: 0.01 x 25,200 + 0.001 x 17,400 + 42.5 (already CO2e) + 1 x 29.8 = 252 + 17.4 + 42.5 + 29.8 = 341.7
        assertThat(publish("AR6", fluorinated).rows().get(0).tco2e()).isEqualByComparingTo("341.7");
    }

    @Test
    void everyProblemIsNamedByItsField() {
        assertRefused(() -> GpcInventory.publish(SEOUL, 2031, "AR5", List.of(tonnes("I.1.1", "1")), 2026), "year");
        assertRefused(() -> GpcInventory.publish(SEOUL, 1980, "AR5", List.of(tonnes("I.1.1", "1")), 2026), "year");
        assertRefused(() -> publish("AR4", tonnes("I.1.1", "1")), "gwpSet");
        assertRefused(() -> publish("AR5", tonnes("I.9.1", "1")), "rows[0].gpcRef");
        assertRefused(() -> publish("AR5", tonnes("I.1.1", "1"), tonnes("I.1.1", "2")), "rows[1].gpcRef");
        assertRefused(() -> publish("AR5", new GpcInventory.RowSubmission("I.1.1", BigDecimal.ONE, null, "NE", null)),
                "rows[0]");
        assertRefused(() -> publish("AR5", new GpcInventory.RowSubmission("I.1.1", null, null, null, null)), "rows[0]");
        assertRefused(() -> publish("AR5", tonnes("I.1.1", "-1")), "rows[0].tco2e");
        assertRefused(() -> publish("AR5", tonnes("I.1.1", "1E+11")), "rows[0].tco2e");
        assertRefused(() -> publish("AR5", key("I.1.1", "XX")), "rows[0].notationKey");
        assertRefused(() -> publish("AR5", new GpcInventory.RowSubmission("I.1.1", null,
                Map.of("CO3", BigDecimal.ONE), null, null)), "rows[0].gases.CO3");
        assertRefused(() -> publish("AR5", new GpcInventory.RowSubmission("I.1.1", null,
                Map.of("CH4_fossil", BigDecimal.ONE), null, null)), "rows[0].gases.CH4_fossil");
        assertRefused(() -> publish("AR5", new GpcInventory.RowSubmission("I.1.1", null, null, "NE", "I.1.2")),
                "rows[0].includedIn");
        assertThat(publish("AR5", new GpcInventory.RowSubmission("I.1.1", null, null, "IE", "I.6.1")).rows().get(0)
                .includedIn()).isEqualTo("I.6.1");
    }

    private static void assertRefused(Runnable publication, String field) {
        assertThatThrownBy(publication::run).isInstanceOfSatisfying(InvalidInput.class,
                invalid -> assertThat(invalid.violations()).extracting(InvalidInput.Violation::field).contains(field));
    }
}
