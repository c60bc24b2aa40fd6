package org.citypromise.pledge.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.citypromise.pledge.PledgeIntake;
import org.citypromise.pledge.domain.Pledge;
import org.citypromise.pledge.domain.PledgeRefused;
import org.citypromise.pledge.domain.PledgeSubmission;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@RestController
@Tag(name = "Pledges", description = "Climate-action pledges of a city's residents, households and organisations")
class PledgeController {

    static final int MAX_IDEMPOTENCY_KEY_LENGTH = 100;

    private final PledgeIntake intake;

    PledgeController(PledgeIntake intake) {
        this.intake = intake;
    }

    @Schema(description = "A pledge as a client submits it")
    record PledgeRequest(
            @Schema(example = "HOUSEHOLD", requiredMode = Schema.RequiredMode.REQUIRED,
                    allowableValues = {"INDIVIDUAL", "HOUSEHOLD", "BUSINESS", "SCHOOL", "COMMUNITY_GROUP",
                            "PUBLIC_INSTITUTION"})
            String stakeholderType,
            @Schema(example = "COOKING_LPG_REDUCTION", description = "An action code from GET /api/v1/actions",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            String actionCode,
            @Schema(example = "120", description = "Activity per year, in the action's unit, at most 3 decimals",
                    requiredMode = Schema.RequiredMode.REQUIRED, exclusiveMinimumValue = 0)
            BigDecimal quantity,
            @Schema(example = "kg/yr", description = "Optional; if given, must be the action's unit")
            String unit) {
    }

    @Schema(description = "A pledge, with the avoided emissions it is estimated at")
    record PledgeResource(
            UUID id, String cityId, String stakeholderType, String actionCode, String actionTitle,
            String pledgeArea, String gpcRef, int scope, BigDecimal quantity, String unit,
            FactorResource emissionFactor,
            @Schema(example = "0.358156", description = "quantity x factor, tCO2e avoided per year")
            BigDecimal estimatedTco2ePerYear,
            String status, long version, Instant pledgedAt) {

        static PledgeResource of(Pledge pledge) {
            return new PledgeResource(pledge.id(), pledge.cityId(), pledge.stakeholderType().name(),
                    pledge.action().code(), pledge.action().title(), pledge.action().area().name(),
                    pledge.action().gpcRef(), pledge.action().scope(), pledge.quantity(), pledge.action().unit(),
                    FactorResource.of(pledge.factor()),
                    pledge.estimatedTco2ePerYear(), pledge.status().name(), pledge.version(), pledge.pledgedAt());
        }
    }

    @Schema(description = "The emission factor an estimate used: the city's own (origin CITY) or the catalog's default")
    record FactorResource(@Schema(example = "LPG") String code, @Schema(example = "2.98463") BigDecimal value,
                          @Schema(example = "kgCO2e/kg") String unit, String source,
                          @Schema(description = "For a city's factor, the year it describes") Integer year,
                          @Schema(example = "DEFAULT", allowableValues = {"CITY", "DEFAULT"}) String origin) {

        static FactorResource of(org.citypromise.pledge.domain.EmissionFactor factor) {
            return factor == null ? null : new FactorResource(factor.code(), factor.value(), factor.unit(),
                    factor.source(), factor.year(), factor.origin().name());
        }
    }

    @PostMapping("/api/v1/cities/{cityId}/pledges")
    @Operation(summary = "Pledge a climate action in a city",
            description = "201 with the pledge and its estimated tCO2e per year. With an Idempotency-Key, a retry "
                    + "of the same submission returns the same pledge (header Idempotent-Replayed: true); the same "
                    + "key with a different submission is refused with 422.")
    ResponseEntity<PledgeResource> submit(
            @PathVariable String cityId,
            @Parameter(description = "Client-chosen key that makes retries safe, up to 100 characters")
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @RequestBody PledgeRequest body) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY_LENGTH
                || !idempotencyKey.chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
            throw new PledgeRefused(List.of(new PledgeRefused.Reason("Idempotency-Key",
                    "must be 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + " visible ASCII characters")));
        }
        PledgeIntake.Taken taken = intake.submit(new PledgeSubmission(cityId, body.stakeholderType(),
                body.actionCode(), body.quantity(), body.unit()), idempotencyKey);
        PledgeResource resource = PledgeResource.of(taken.pledge());
        URI location = ServletUriComponentsBuilder.fromCurrentContextPath().path("/api/v1/pledges/{id}")
                .buildAndExpand(resource.id()).toUri();
        return ResponseEntity.created(location)
                .eTag(Long.toString(resource.version()))
                .header("Idempotent-Replayed", Boolean.toString(taken.replayed()))
                .body(resource);
    }

    @GetMapping("/api/v1/pledges/{id}")
    @Operation(summary = "A pledge")
    ResponseEntity<PledgeResource> pledge(@PathVariable UUID id) {
        Pledge pledge = intake.find(id).orElseThrow(() -> new UnknownPledge(id));
        return ResponseEntity.ok().eTag(Long.toString(pledge.version())).body(PledgeResource.of(pledge));
    }

    static class UnknownPledge extends RuntimeException {
        UnknownPledge(UUID id) {
            super("no pledge " + id);
        }
    }
}
