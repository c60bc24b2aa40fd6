package org.citypromise.web.api;

import org.springframework.web.client.RestClient;

import java.util.Optional;

/** inventory-service's public reads: a city's inventories and its target. */
public class InventoryApi {

    static final String SERVICE = "inventory-service";

    private final RestClient client;

    public InventoryApi(RestClient client) {
        this.client = client;
    }

    public Optional<Inventory> inventory(String cityId, int year) {
        return ServiceCall.find(SERVICE, () -> client.get()
                .uri("/api/v1/cities/{cityId}/inventories/{year}", cityId, year).retrieve().body(Inventory.class));
    }

    public Optional<Target> target(String cityId) {
        return ServiceCall.find(SERVICE, () -> client.get()
                .uri("/api/v1/cities/{cityId}/target", cityId).retrieve().body(Target.class));
    }
}
