package org.citypromise.inventory.web;

import org.citypromise.inventory.domain.City;
import org.citypromise.inventory.domain.CityId;
import org.citypromise.inventory.domain.EmissionFactor;
import org.citypromise.inventory.domain.GpcInventory;
import org.citypromise.inventory.domain.Target;
import org.citypromise.inventory.domain.VersionedCity;
import org.citypromise.inventory.domain.VersionedFactors;
import org.citypromise.inventory.domain.VersionedInventory;
import org.citypromise.inventory.domain.VersionedTarget;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API's resources keep the fields clients read, in the order they have always come, whatever the events
 * announcing the same changes become: the API and the event contract evolve by their own rules.
 */
class ResourcesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final CityId SEOUL = new CityId("seoul");
    private static final Instant CHANGED = Instant.parse("2026-03-01T09:30:00Z");

    private static JsonNode json(Object resource) {
        return JSON.readTree(JSON.writeValueAsString(resource));
    }

    private static List<String> fields(JsonNode node) {
        return node.propertyNames().stream().toList();
    }

    @Test
    void aCityShowsItsRegistrationAndVersion() {
        JsonNode city = json(CityResource.of(new VersionedCity(new City(SEOUL, "Seoul", "KR", 9_386_034), 2, CHANGED)));
        assertThat(fields(city)).containsExactly("cityId", "name", "countryCode", "population", "version", "changedAt");
        assertThat(city.get("population").asLong()).isEqualTo(9_386_034);
        assertThat(city.get("version").asLong()).isEqualTo(2);
    }

    @Test
    void anInventoryShowsEachRowWithItsScopeAndLevelAndTheTotals() {
        GpcInventory inventory = GpcInventory.publish(SEOUL, 2022, "AR5", List.of(
                new GpcInventory.RowSubmission("I.1.2", new BigDecimal("30000"), null, null, null),
                new GpcInventory.RowSubmission("II.1.1", null, Map.of("CO2", new BigDecimal("1000")), null, null),
                new GpcInventory.RowSubmission("III.1.1", null, null, "NE", null)), 2026);
        JsonNode resource = json(InventoryResource.of(new VersionedInventory(inventory, 3, CHANGED)));
        assertThat(fields(resource)).containsExactly("cityId", "year", "version", "gwpSet", "rows", "totals",
                "bySector", "publishedAt");
        assertThat(fields(resource.get("rows").get(0))).containsExactly("gpcRef", "sector", "scope", "level", "tco2e",
                "notationKey", "includedIn", "gases");
        assertThat(resource.get("rows").get(0).get("scope").asInt()).isEqualTo(2);
        assertThat(resource.get("rows").get(1).get("gases").get("CO2").decimalValue()).isEqualByComparingTo("1000");
        assertThat(resource.get("rows").get(2).get("notationKey").asString()).isEqualTo("NE");
        assertThat(fields(resource.get("totals"))).containsExactly("basic", "basicPlus", "territorial");
        assertThat(resource.get("totals").get("basic").decimalValue()).isEqualByComparingTo("31000");
        assertThat(resource.get("bySector").get("I").get("basic").decimalValue()).isEqualByComparingTo("30000");
        assertThat(resource.get("publishedAt").asString()).isEqualTo("2026-03-01T09:30:00Z");
    }

    @Test
    void aTargetShowsWhatItCoversAndTheEmissionsItAllows() {
        Target target = Target.set(SEOUL, new Target.Submission("BASE_YEAR", 2005, 2030, new BigDecimal("40"), null,
                null, null, null, null, null, null));
        JsonNode resource = json(TargetResource.of(new VersionedTarget(target, new BigDecimal("42000"),
                new BigDecimal("25200"), 1, 4, CHANGED)));
        assertThat(fields(resource)).containsExactly("cityId", "version", "type", "baseYear", "targetYear",
                "reductionPercent", "baselineEmissionsTco2e", "targetLevelTco2e", "baseYearPopulation",
                "targetYearPopulation", "sectors", "gases", "boundary", "baseYearEmissionsTco2e", "targetEmissionsTco2e",
                "setAt");
        assertThat(resource.get("targetEmissionsTco2e").decimalValue()).isEqualByComparingTo("25200");
        assertThat(resource.get("sectors").get(0).asString()).isEqualTo("I");
        assertThat(resource.get("boundary").asString()).isEqualTo("BASIC");
        assertThat(resource.get("targetLevelTco2e").isNull()).isTrue();
    }

    @Test
    void factorsShowTheWholeList() {
        JsonNode resource = json(FactorsResource.of(new VersionedFactors(SEOUL, List.of(new EmissionFactor(
                "GRID_ELECTRICITY", new BigDecimal("0.4594"), "kgCO2e/kWh", "energy ministry", 2023)), 1, CHANGED)));
        assertThat(fields(resource)).containsExactly("cityId", "version", "factors", "publishedAt");
        assertThat(fields(resource.get("factors").get(0))).containsExactly("code", "value", "unit", "source", "year");
        assertThat(resource.get("factors").get(0).get("value").decimalValue()).isEqualByComparingTo("0.4594");
    }
}
