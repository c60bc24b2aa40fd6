package org.citypromise.inventory.web;

import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.citypromise.inventory.application.CityPublications;
import org.citypromise.inventory.domain.CityId;
import org.citypromise.inventory.domain.EmissionFactor;
import org.citypromise.inventory.domain.VersionedFactors;
import org.springframework.http.MediaType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.List;

@RestController
@RequestMapping(path = "/api/v1/cities/{cityId}/emission-factors", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Emission factors", description = "A city's own emission factors, used before the catalog's defaults")
class EmissionFactorController {

    private final CityPublications publications;

    EmissionFactorController(CityPublications publications) {
        this.publications = publications;
    }

    record FactorsRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<FactorRequest> factors) {
    }

    record FactorRequest(
            @Schema(example = "GRID_ELECTRICITY") String code,
            @Schema(example = "0.4594") BigDecimal value,
            @Schema(example = "kgCO2e/kWh") String unit,
            @Schema(example = "National grid emission factor, published by the energy ministry") String source,
            @Schema(example = "2023") Integer year) {
    }

    @PutMapping
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Publish a city's emission factors (the whole list)",
            description = "Each factor has a value, unit, source and year. GRID_ELECTRICITY is in kgCO2e/kWh. "
                    + "Announced on inventory-events; pledges in the city are restated under the new factors.")
    ResponseEntity<FactorsResource> publish(@PathVariable String cityId, @RequestBody FactorsRequest body,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        List<EmissionFactor.Submission> factors = body.factors() == null ? null : body.factors().stream()
                .map(f -> f == null ? null : new EmissionFactor.Submission(f.code(), f.value(), f.unit(), f.source(), f.year()))
                .toList();
        VersionedFactors stored = publications.publishFactors(new CityId(cityId), factors,
                Preconditions.expectedVersion(ifMatch));
        return ResponseEntity.ok().eTag(Long.toString(stored.version())).body(FactorsResource.of(stored));
    }

    @GetMapping
    @Operation(summary = "A city's emission factors")
    ResponseEntity<FactorsResource> factors(@PathVariable String cityId) {
        VersionedFactors stored = publications.factors(new CityId(cityId))
                .orElseThrow(() -> new NotPublished(cityId + " has published no emission factors"));
        return ResponseEntity.ok().eTag(Long.toString(stored.version())).body(FactorsResource.of(stored));
    }
}
