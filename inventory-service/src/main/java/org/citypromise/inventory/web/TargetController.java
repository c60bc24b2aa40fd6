package org.citypromise.inventory.web;

import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.citypromise.inventory.application.CityPublications;
import org.citypromise.inventory.domain.CityId;
import org.citypromise.inventory.domain.Target;
import org.citypromise.inventory.domain.VersionedTarget;
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
@RequestMapping(path = "/api/v1/cities/{cityId}/target", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Targets", description = "A city's mitigation target and the emissions it allows in its target year")
class TargetController {

    private final CityPublications publications;

    TargetController(CityPublications publications) {
        this.publications = publications;
    }

    @Schema(description = "A mitigation target as a city officer sets it")
    record TargetRequest(
            @Schema(example = "BASE_YEAR", allowableValues = {"BASE_YEAR", "BASE_YEAR_INTENSITY", "BASELINE_SCENARIO",
                    "FIXED_LEVEL"}, requiredMode = Schema.RequiredMode.REQUIRED) String type,
            @Schema(example = "2005", description = "Required for BASE_YEAR and BASE_YEAR_INTENSITY") Integer baseYear,
            @Schema(example = "2030", requiredMode = Schema.RequiredMode.REQUIRED) Integer targetYear,
            @Schema(example = "40", description = "Required for all types but FIXED_LEVEL") BigDecimal reductionPercent,
            @Schema(description = "BASELINE_SCENARIO: business-as-usual emissions of the target year, tCO2e")
            BigDecimal baselineEmissionsTco2e,
            @Schema(description = "FIXED_LEVEL: the level, tCO2e; 0 for net zero") BigDecimal targetLevelTco2e,
            @Schema(description = "BASE_YEAR_INTENSITY: population in the base year") Long baseYearPopulation,
            @Schema(description = "BASE_YEAR_INTENSITY: population expected in the target year") Long targetYearPopulation,
            @Schema(example = "[\"I\", \"II\", \"III\"]", description = "GPC sectors covered; default I to V")
            List<String> sectors,
            @Schema(example = "[\"CO2\", \"CH4\", \"N2O\"]", description = "Gases covered; default all seven")
            List<String> gases,
            @Schema(example = "BASIC", allowableValues = {"BASIC", "BASIC_PLUS", "TERRITORIAL"},
                    description = "Inventory total measured against; default BASIC") String boundary) {
    }

    @PutMapping
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Set a city's target",
            description = "Computes the emissions the target allows in its target year (for base-year targets, from "
                    + "the base-year inventory, once published) and announces it on inventory-events.")
    ResponseEntity<TargetResource> set(@PathVariable String cityId, @RequestBody TargetRequest body,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        VersionedTarget stored = publications.setTarget(new CityId(cityId), new Target.Submission(body.type(),
                body.baseYear(), body.targetYear(), body.reductionPercent(), body.baselineEmissionsTco2e(),
                body.targetLevelTco2e(), body.baseYearPopulation(), body.targetYearPopulation(), body.sectors(),
                body.gases(), body.boundary()), Preconditions.expectedVersion(ifMatch));
        return ResponseEntity.ok().eTag(Long.toString(stored.version())).body(TargetResource.of(stored));
    }

    @GetMapping
    @Operation(summary = "A city's target, with the emissions it allows")
    ResponseEntity<TargetResource> target(@PathVariable String cityId) {
        VersionedTarget stored = publications.target(new CityId(cityId))
                .orElseThrow(() -> new NotPublished(cityId + " has set no target"));
        return ResponseEntity.ok().eTag(Long.toString(stored.version())).body(TargetResource.of(stored));
    }
}
