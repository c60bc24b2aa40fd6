package org.citypromise.inventory.web;

import io.swagger.v3.oas.annotations.media.Schema;
import org.citypromise.inventory.domain.City;
import org.citypromise.inventory.domain.VersionedCity;

import java.time.Instant;

@Schema(description = "A registered city")
record CityResource(
        @Schema(example = "seoul") String cityId,
        @Schema(example = "Seoul") String name,
        @Schema(example = "KR") String countryCode,
        @Schema(example = "9386000") long population,
        @Schema(description = "Grows by one with every change", example = "1") long version,
        Instant changedAt) {

    static CityResource of(VersionedCity stored) {
        City city = stored.city();
        return new CityResource(city.id().value(), city.name(), city.countryCode(), city.population(),
                stored.version(), stored.changedAt());
    }
}
