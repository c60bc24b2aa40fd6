package org.citypromise.pledge.domain;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class ActionCatalogTest {

    private final ActionCatalog catalog = new ActionCatalog();

    @Test
    void theCatalogCoversTheTenPromiseOfSeoulAreasAndGpcSectorsIIIIIIAndV() {
        assertThat(catalog.all()).hasSizeGreaterThanOrEqualTo(25);
        assertThat(catalog.all().stream().map(Action::area).collect(Collectors.toSet()))
                .isEqualTo(EnumSet.allOf(PledgeArea.class));
        assertThat(catalog.all().stream().map(Action::gpcSector).collect(Collectors.toSet()))
                .contains("I", "II", "III", "V");
    }

    @Test
    void everyActionSaysWhereItCountsAndHowItIsEstimated() {
        assertThat(catalog.all()).allSatisfy(action -> {
            assertThat(action.gpcRef()).matches("(I|II|III|IV|V|VI)\\.\\d+(\\.\\d+)?");
            assertThat(action.scope()).isBetween(1, 3);
            assertThat(action.unit()).isNotBlank();
            assertThat(action.factorCode()).matches("[A-Z][A-Z0-9_]+");
            assertThat(action.factorUnit()).startsWith("kgCO2e/");
            assertThat(action.maxQuantity()).isPositive();
            assertThat(action.formula()).contains(action.unit(), action.factorCode(), "/ 1000");
            if (action.defaultFactor() != null) {
                // a default cites its source and is in the unit the action needs
                assertThat(action.defaultFactor().source()).startsWith("IPCC 2006 Guidelines");
                assertThat(action.defaultFactor().unit()).isEqualTo(action.factorUnit());
                assertThat(action.defaultFactor().code()).isEqualTo(action.factorCode());
            }
        });
        // scope 2 rows are grid electricity or what depends on it
        assertThat(catalog.all()).filteredOn(action -> action.factorCode().equals("GRID_ELECTRICITY"))
                .allSatisfy(action -> {
                    assertThat(action.scope()).isEqualTo(2);
                    assertThat(action.gpcRef()).endsWith(".2");
                    assertThat(action.defaultFactor()).isNull();
                });
    }

    @Test
    void factorCodesMeanOneUnitEach() {
        Set<String> codesWithTwoUnits = catalog.all().stream()
                .collect(Collectors.groupingBy(Action::factorCode, Collectors.mapping(Action::factorUnit, Collectors.toSet())))
                .entrySet().stream().filter(e -> e.getValue().size() > 1).map(java.util.Map.Entry::getKey)
                .collect(Collectors.toSet());
        assertThat(codesWithTwoUnits).isEmpty();
    }
}
