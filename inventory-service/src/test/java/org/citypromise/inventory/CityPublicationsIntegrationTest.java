package org.citypromise.inventory;

import org.citypromise.backbone.EventContract;
import org.citypromise.backbone.TopicTail;
import org.citypromise.inventory.messaging.InventoryEvents;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Inventories, targets and emission factors, published over HTTP and announced on inventory-events. */
@SuppressWarnings("unchecked")
class CityPublicationsIntegrationTest extends InventoryServiceIntegrationTest {

    private String registeredCity(String name) {
        String cityId = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        http.put().uri("/api/v1/cities/{id}", cityId).contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\":\"" + name + "\",\"countryCode\":\"KR\",\"population\":9386034}")
                .exchange().expectStatus().isCreated();
        return cityId;
    }

    private RestTestClient.ResponseSpec put(String path, String body, Object... vars) {
        return http.put().uri(path, vars).contentType(MediaType.APPLICATION_JSON).body(body).exchange();
    }

    private List<TopicTail.Event> events(String cityId, String type, int count) {
        return inventoryEvents.await(e -> cityId.equals(e.key()) && type.equals(e.header("ce_type")), count,
                Duration.ofSeconds(20));
    }

    private static final String INVENTORY_2005 = """
            {"gwpSet":"AR5","rows":[
              {"gpcRef":"I.1.2","tco2e":30000},
              {"gpcRef":"I.1.3","tco2e":1000},
              {"gpcRef":"II.1.1","tco2e":10000},
              {"gpcRef":"III.1.1","gases":{"CO2":10,"CH4":50,"N2O":2}},
              {"gpcRef":"V.1.1","notationKey":"NE"}]}""";

    @Test
    void anInventoryIsPublishedWithItsTotalsAndABaseYearTargetFollowsIt() {
        String cityId = registeredCity("seoul");
        // III.1.1 under AR5: 10 + 50 x 28 + 2 x 265 = 1,940 t. BASIC = 30,000 + 10,000 + 1,940 = 41,940
        put("/api/v1/cities/{id}/inventories/2005", INVENTORY_2005, cityId)
                .expectStatus().isCreated()
                .expectHeader().valueEquals("ETag", "\"1\"")
                .expectBody()
                .jsonPath("$.totals.basic").isEqualTo(41940.0)
                .jsonPath("$.totals.basicPlus").isEqualTo(42940.0)
                .jsonPath("$.totals.territorial").isEqualTo(11940.0)
                .jsonPath("$.bySector.I.basicPlus").isEqualTo(31000.0)
                .jsonPath("$.rows[3].tco2e").isEqualTo(1940.0)
                .jsonPath("$.rows[0].scope").isEqualTo(2)
                .jsonPath("$.rows[4].notationKey").isEqualTo("NE");

        // -40% against 2005 by 2030: 41,940 x 0.6 = 25,164
        put("/api/v1/cities/{id}/target", "{\"type\":\"BASE_YEAR\",\"baseYear\":2005,\"targetYear\":2030,\"reductionPercent\":40}", cityId)
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.baseYearEmissionsTco2e").isEqualTo(41940.0)
                .jsonPath("$.targetEmissionsTco2e").isEqualTo(25164.0);

        // Re-publishing the base year is a new version, and the target's level follows it: 42,000 x 0.6 = 25,200
        put("/api/v1/cities/{id}/inventories/2005", INVENTORY_2005.replace("\"tco2e\":30000", "\"tco2e\":30060"), cityId)
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"2\"");
        http.get().uri("/api/v1/cities/{id}/target", cityId).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"2\"")
                .expectBody().jsonPath("$.targetEmissionsTco2e").isEqualTo(25200.0);

        List<TopicTail.Event> inventories = events(cityId, InventoryEvents.INVENTORY_PUBLISHED, 2);
        List<TopicTail.Event> targets = events(cityId, InventoryEvents.TARGET_SET, 2);
        assertThat(inventories).hasSize(2);
        assertThat(targets).hasSize(2);
        assertThat(inventories).allSatisfy(e ->
                assertThat(EventContract.own("inventory-published.v1").violations(e.value())).isEmpty());
        assertThat(targets).allSatisfy(e ->
                assertThat(EventContract.own("target-set.v1").violations(e.value())).isEmpty());
        assertThat(targets.get(1).value()).contains("\"targetEmissionsTco2e\":25200", "\"version\":2");
        assertThat(targets.get(1).header("ce_subject")).isEqualTo("cities/" + cityId + "/target");
    }

    @Test
    void aTargetSetBeforeItsBaseYearInventoryIsComputedWhenTheInventoryArrives() {
        String cityId = registeredCity("hanoi");
        put("/api/v1/cities/{id}/target", "{\"type\":\"BASE_YEAR\",\"baseYear\":2010,\"targetYear\":2030,\"reductionPercent\":25,\"sectors\":[\"II\"]}", cityId)
                .expectStatus().isOk()
                .expectBody().jsonPath("$.targetEmissionsTco2e").isEmpty();
        put("/api/v1/cities/{id}/inventories/2010", "{\"gwpSet\":\"AR6\",\"rows\":[{\"gpcRef\":\"II.1.1\",\"tco2e\":8000},{\"gpcRef\":\"I.1.1\",\"tco2e\":5000}]}", cityId)
                .expectStatus().isCreated();
        // sector II only: 8,000 x 0.75 = 6,000
        http.get().uri("/api/v1/cities/{id}/target", cityId).exchange()
                .expectBody().jsonPath("$.targetEmissionsTco2e").isEqualTo(6000.0);
    }

    @Test
    void emissionFactorsArePublishedWithTheirSources() {
        String cityId = registeredCity("jakarta");
        put("/api/v1/cities/{id}/emission-factors", "{\"factors\":[{\"code\":\"GRID_ELECTRICITY\",\"value\":0.87,"
                + "\"unit\":\"kgCO2e/kWh\",\"source\":\"Java-Madura-Bali grid, ministry of energy\",\"year\":2023}]}", cityId)
                .expectStatus().isOk()
                .expectBody().jsonPath("$.factors[0].value").isEqualTo(0.87).jsonPath("$.version").isEqualTo(1);
        List<TopicTail.Event> published = events(cityId, InventoryEvents.EMISSION_FACTORS_PUBLISHED, 1);
        assertThat(published).hasSize(1);
        assertThat(EventContract.own("emission-factors-published.v1").violations(published.get(0).value())).isEmpty();
    }

    @Test
    void invalidPublicationsAreRefusedNamingTheFieldAndNothingIsPublished() {
        String cityId = registeredCity("pasig");
        String unknown = "atlantis-" + UUID.randomUUID().toString().substring(0, 8);
        record Case(String path, String city, String body, int status, String field) {
        }
        List<Case> cases = List.of(
                new Case("/api/v1/cities/{id}/inventories/2022", unknown, "{\"gwpSet\":\"AR5\",\"rows\":[{\"gpcRef\":\"I.1.1\",\"tco2e\":1}]}", 404, null),
                new Case("/api/v1/cities/{id}/inventories/2099", cityId, "{\"gwpSet\":\"AR5\",\"rows\":[{\"gpcRef\":\"I.1.1\",\"tco2e\":1}]}", 400, "year"),
                new Case("/api/v1/cities/{id}/inventories/2022", cityId, "{\"gwpSet\":\"AR5\",\"rows\":[{\"gpcRef\":\"I.9.9\",\"tco2e\":1}]}", 400, "rows[0].gpcRef"),
                new Case("/api/v1/cities/{id}/inventories/2022", cityId, "{\"gwpSet\":\"AR5\",\"rows\":[{\"gpcRef\":\"I.1.1\",\"tco2e\":1,\"notationKey\":\"NO\"}]}", 400, "rows[0]"),
                new Case("/api/v1/cities/{id}/inventories/2022", cityId, "{\"gwpSet\":\"AR5\",\"rows\":[{\"gpcRef\":\"I.1.1\",\"tco2e\":-5}]}", 400, "rows[0].tco2e"),
                new Case("/api/v1/cities/{id}/inventories/2022", cityId, "{\"gwpSet\":\"AR5\",\"rows\":[{\"gpcRef\":\"I.1.1\",\"tco2e\":\"lots\"}]}", 400, "rows[0].tco2e"),
                new Case("/api/v1/cities/{id}/inventories/twenty", cityId, "{\"gwpSet\":\"AR5\",\"rows\":[{\"gpcRef\":\"I.1.1\",\"tco2e\":1}]}", 400, "year"),
                new Case("/api/v1/cities/{id}/target", cityId, "{\"type\":\"BASE_YEAR\",\"baseYear\":2030,\"targetYear\":2020,\"reductionPercent\":40}", 400, "targetYear"),
                new Case("/api/v1/cities/{id}/target", cityId, "{\"type\":\"FIXED_LEVEL\",\"targetYear\":2050}", 400, "targetLevelTco2e"),
                new Case("/api/v1/cities/{id}/emission-factors", cityId, "{\"factors\":[{\"code\":\"GRID_ELECTRICITY\",\"value\":0.5,\"unit\":\"kgCO2e/MWh\",\"source\":\"x\",\"year\":2023}]}", 400, "factors[0].unit"),
                new Case("/api/v1/cities/{id}/emission-factors", cityId, "{\"factors\":[{\"code\":\"GRID_ELECTRICITY\",\"value\":0.5,\"unit\":\"kgCO2e/kWh\",\"year\":2023}]}", 400, "factors[0].source"));
        for (Case c : cases) {
            var body = put(c.path(), c.body(), c.city())
                    .expectStatus().isEqualTo(c.status())
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody();
            if (c.field() != null) {
                body.jsonPath("$.errors[*].field").value(fields -> assertThat((List<Object>) fields).contains(c.field()));
            }
        }
        // A stale If-Match is refused with 412 and changes nothing.
        put("/api/v1/cities/{id}/inventories/2021", "{\"gwpSet\":\"AR5\",\"rows\":[{\"gpcRef\":\"I.1.1\",\"tco2e\":1}]}", cityId)
                .expectStatus().isCreated();
        http.put().uri("/api/v1/cities/{id}/inventories/2021", cityId).contentType(MediaType.APPLICATION_JSON)
                .header("If-Match", "\"7\"").body("{\"gwpSet\":\"AR5\",\"rows\":[{\"gpcRef\":\"I.1.1\",\"tco2e\":2}]}")
                .exchange()
                .expectStatus().isEqualTo(412)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("If-Match");
        http.get().uri("/api/v1/cities/{id}/inventories/2021", cityId).exchange()
                .expectBody().jsonPath("$.totals.basic").isEqualTo(1.0).jsonPath("$.version").isEqualTo(1);

        assertThat(inventoryEvents.all(Duration.ofSeconds(1)))
                .filteredOn(e -> cityId.equals(e.key()) || unknown.equals(e.key()))
                .extracting(e -> e.header("ce_type"))
                .containsExactlyInAnyOrder(InventoryEvents.CITY_REGISTERED, InventoryEvents.INVENTORY_PUBLISHED);
    }
}
