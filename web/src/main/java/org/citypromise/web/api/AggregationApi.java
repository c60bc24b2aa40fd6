package org.citypromise.web.api;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.client.RestClient;

import java.util.List;
import java.util.Optional;

/** aggregation-service's public reads: each city's contribution, the world's, the leaderboard. */
public class AggregationApi {

    static final String SERVICE = "aggregation-service";

    private final RestClient client;

    public AggregationApi(RestClient client) {
        this.client = client;
    }

    record Page<T>(List<T> items, int page, int size, long totalItems) {
    }

    public Optional<CityContribution> city(String cityId) {
        return ServiceCall.find(SERVICE, () -> client.get()
                .uri("/api/v1/cities/{cityId}/contributions", cityId).retrieve().body(CityContribution.class));
    }

    /** The first {@code size} cities by id (the API allows 200 a page). */
    public List<CityContribution> cities(int size) {
        Page<CityContribution> page = ServiceCall.get(SERVICE, () -> client.get()
                .uri("/api/v1/cities/contributions?page=0&size={size}", size).retrieve()
                .body(new ParameterizedTypeReference<Page<CityContribution>>() {
                }));
        return page == null || page.items() == null ? List.of() : page.items();
    }

    public RollUp global() {
        return ServiceCall.get(SERVICE, () -> client.get().uri("/api/v1/contributions/global").retrieve()
                .body(RollUp.class));
    }

    /** @param sortBy PLEDGED, PER_CAPITA or GAP_COVERAGE */
    public Leaderboard leaderboard(String sortBy, int size) {
        return ServiceCall.get(SERVICE, () -> client.get()
                .uri("/api/v1/leaderboard?sortBy={sortBy}&page=0&size={size}", sortBy, size).retrieve()
                .body(Leaderboard.class));
    }
}
