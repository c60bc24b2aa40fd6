package org.citypromise.inventory.web;

import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.citypromise.inventory.application.CityRegistry;
import org.citypromise.inventory.application.UnknownCity;
import org.citypromise.inventory.domain.City;
import org.citypromise.inventory.domain.CityId;
import org.citypromise.inventory.domain.Outcome;
import org.citypromise.inventory.domain.VersionedCity;
import org.citypromise.inventory.domain.Written;
import org.springframework.http.MediaType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.List;

@RestController
@RequestMapping(path = "/api/v1/cities", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Cities", description = "The registry of cities taking part in a City Promise programme")
class CityController {

    private final CityRegistry registry;

    CityController(CityRegistry registry) {
        this.registry = registry;
    }

    @Schema(description = "A city's registration")
    record CityRegistration(
            @Schema(example = "Seoul", requiredMode = Schema.RequiredMode.REQUIRED, maxLength = City.MAX_NAME_LENGTH)
            String name,
            @Schema(example = "KR", description = "ISO 3166-1 alpha-2", requiredMode = Schema.RequiredMode.REQUIRED)
            String countryCode,
            @Schema(example = "9386000", minimum = "1", maximum = "500000000",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            Long population) {
    }

    record CityPage(List<CityResource> items, int page, int size, long totalItems) {
    }

    @PutMapping("/{cityId}")
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Register a city or change its registration",
            description = "201 when the city is new, 200 when it changed or was already registered as sent. "
                    + "Every change is announced on inventory-events. With If-Match, refused with 412 unless the "
                    + "city is still at that version.")
    ResponseEntity<CityResource> register(@PathVariable String cityId, @RequestBody CityRegistration body,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        City city = City.register(cityId, body.name(), body.countryCode(), body.population());
        Written<VersionedCity> registration = registry.register(city, Preconditions.expectedVersion(ifMatch));
        CityResource resource = CityResource.of(registration.stored());
        ResponseEntity.BodyBuilder response = registration.outcome() == Outcome.CREATED
                ? ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().build().toUri())
                : ResponseEntity.ok();
        return response.eTag(Long.toString(resource.version())).body(resource);
    }

    @GetMapping("/{cityId}")
    @Operation(summary = "A registered city")
    ResponseEntity<CityResource> city(@PathVariable String cityId) {
        VersionedCity stored = registry.find(new CityId(cityId))
                .orElseThrow(() -> new UnknownCity(cityId));
        return ResponseEntity.ok().eTag(Long.toString(stored.version())).body(CityResource.of(stored));
    }

    @GetMapping
    @Operation(summary = "Registered cities, by id, a page at a time")
    CityPage cities(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        Paging paging = Paging.of(page, size);
        List<CityResource> items = registry.list(paging.offset(), paging.size()).stream().map(CityResource::of).toList();
        return new CityPage(items, paging.page(), paging.size(), registry.count());
    }
}
