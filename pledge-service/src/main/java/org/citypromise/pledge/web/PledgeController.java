package org.citypromise.pledge.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.citypromise.pledge.application.PledgeIntake;
import org.citypromise.pledge.domain.Pledge;
import org.citypromise.pledge.domain.PledgeRefused;
import org.citypromise.pledge.domain.PledgeStatus;
import org.citypromise.pledge.domain.PledgeSubmission;
import org.citypromise.pledge.domain.PledgeRecord;
import org.springframework.http.MediaType;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.beans.PropertyEditorSupport;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.List;
import java.util.UUID;

@RestController
@RequestMapping(produces = MediaType.APPLICATION_JSON_VALUE)
@SecurityRequirement(name = "bearer")
@Tag(name = "Pledges", description = "Climate-action pledges of a city's residents, households and organisations")
class PledgeController {

    static final int MAX_IDEMPOTENCY_KEY_LENGTH = 100;

    private final PledgeIntake intake;
    private final PledgeFunnel funnel;

    PledgeController(PledgeIntake intake, PledgeFunnel funnel) {
        this.intake = intake;
        this.funnel = funnel;
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
            String unit,
            @Schema(example = "2027-12-31", description = "Optional; by when it is to be fulfilled. An active pledge "
                    + "lapses when this date passes unfulfilled.")
            LocalDate targetDate,
            @Schema(example = "member-2", description = "Optional; who of the resident's account pledges, when "
                    + "several people (a household) pledge from it, so each is counted as a participant once. "
                    + "Without it the account is the participant. Only a keyed hash leaves pledge-service.")
            String participantRef,
            @Schema(example = "Kim's household", description = "Optional personal data, up to 80 characters: "
                    + "shown only to the owner, the city's officers and admins, never published, erasable")
            String displayName,
            @Schema(example = "kim@example.org", description = "Optional personal data: an e-mail address or a "
                    + "phone number for the city to reach the participant; as private as displayName")
            String contact) {
    }

    @Schema(description = "A progress report: how much of the activity is achieved per year so far")
    record ProgressReport(@Schema(example = "80", requiredMode = Schema.RequiredMode.REQUIRED) BigDecimal achievedQuantity) {
    }

    record PledgePage(List<PledgeResource> items, int page, int size, long totalItems) {
    }

    @Schema(description = "A pledge, with the avoided emissions it is estimated at")
    record PledgeResource(
            UUID id, String cityId, String stakeholderType, String actionCode, String actionTitle,
            String pledgeArea, String gpcRef, int scope, BigDecimal quantity, String unit,
            FactorResource emissionFactor,
            @Schema(example = "0.358156", description = "quantity x factor, tCO2e avoided per year")
            BigDecimal estimatedTco2ePerYear,
            LocalDate targetDate, BigDecimal achievedQuantity,
            @Schema(description = "achievedQuantity x factor") BigDecimal achievedTco2ePerYear,
            @Schema(allowableValues = {"ACTIVE", "FULFILLED", "WITHDRAWN", "LAPSED"}) String status,
            @Schema(description = "Grows by one with every change; the ETag") long version,
            Instant pledgedAt, Instant changedAt,
            @Schema(description = "Personal data, for the owner, the city's officers and admins; null if not "
                    + "given or erased",
                    nullable = true) String displayName,
            @Schema(nullable = true) String contact) {

        static PledgeResource of(PledgeRecord stored) {
            Pledge pledge = stored.pledge();
            return new PledgeResource(pledge.id(), pledge.cityId(), pledge.stakeholderType().name(),
                    pledge.action().code(), pledge.action().title(), pledge.action().area().name(),
                    pledge.action().gpcRef(), pledge.action().scope(), pledge.quantity(), pledge.action().unit(),
                    FactorResource.of(pledge.factor()),
                    pledge.estimatedTco2ePerYear(), pledge.targetDate(), pledge.achievedQuantity(),
                    pledge.achievedTco2ePerYear(), pledge.status().name(), pledge.version(), pledge.pledgedAt(),
                    pledge.changedAt(), stored.personal().displayName(), stored.personal().contact());
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
            @RequestBody PledgeRequest body, @AuthenticationPrincipal Jwt token) {
        PledgeIntake.Taken taken;
        try {
            if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY_LENGTH
                    || !idempotencyKey.chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
                throw new PledgeRefused(List.of(new PledgeRefused.Reason("Idempotency-Key",
                        "reason.visible-ascii", MAX_IDEMPOTENCY_KEY_LENGTH)));
            }
            taken = intake.submit(new PledgeSubmission(cityId, body.stakeholderType(), body.actionCode(),
                    body.quantity(), body.unit(), body.targetDate(), body.participantRef(), body.displayName(),
                    body.contact()), idempotencyKey,
                    token.getSubject());
        } catch (RuntimeException e) {
            funnel.rejected(cityId, body.stakeholderType(), e);
            throw e;
        }
        funnel.taken(taken);
        PledgeResource resource = PledgeResource.of(taken.stored());
        URI location = ServletUriComponentsBuilder.fromCurrentContextPath().path("/api/v1/pledges/{id}")
                .buildAndExpand(resource.id()).toUri();
        return ResponseEntity.created(location)
                .eTag(Long.toString(resource.version()))
                .header("Idempotent-Replayed", Boolean.toString(taken.replayed()))
                .body(resource);
    }

    /**
     * A pledge is named only as we write its id: {@link UUID#fromString} also reads "1bbe391-..." (a leading zero
     * left out), "+1bbe391-..." or "1-1-1-1-1" as some pledge's id, so one pledge had many addresses and a mistyped
     * one could still reach it.
     */
    @InitBinder
    void pledgeIdsAsWritten(WebDataBinder binder) {
        binder.registerCustomEditor(UUID.class, new PropertyEditorSupport() {
            @Override
            public void setAsText(String text) {
                setValue(pledgeId(text));
            }
        });
    }

    private static final Pattern PLEDGE_ID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    static UUID pledgeId(String text) {
        if (text == null || !PLEDGE_ID.matcher(text).matches()) {
            throw new IllegalArgumentException("not a pledge id: 8-4-4-4-12 hexadecimal digits");
        }
        return UUID.fromString(text);
    }

    @GetMapping("/api/v1/pledges/{id}")
    @Operation(summary = "A pledge")
    ResponseEntity<PledgeResource> pledge(@PathVariable UUID id, @AuthenticationPrincipal Jwt token) {
        return answer(intake.read(id, Security.caller(token)));
    }

    @GetMapping("/api/v1/cities/{cityId}/pledges")
    @Operation(summary = "A city's pledges, newest first, a page at a time, optionally of one status")
    PledgePage pledges(@PathVariable String cityId, @RequestParam(required = false) PledgeStatus status,
                       @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        checkPage(page, size);
        return new PledgePage(intake.list(cityId, status, page * size, size).stream().map(PledgeResource::of).toList(),
                page, size, intake.count(cityId, status));
    }

    /** A page of a list: page numbers from 0, sizes up to {@link #MAX_PAGE_SIZE}. */
    static void checkPage(int page, int size) {
        if (page < 0 || (long) page * size > Integer.MAX_VALUE) {
            throw new PledgeRefused(List.of(new PledgeRefused.Reason("page", "reason.page")));
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new PledgeRefused(List.of(new PledgeRefused.Reason("size", "reason.size", MAX_PAGE_SIZE)));
        }
    }

    @PostMapping("/api/v1/pledges/{id}/progress")
    @Operation(summary = "Report progress on an active pledge",
            description = "Requires If-Match with the pledge's ETag (428 without, 412 if stale). Achieving the pledged "
                    + "quantity fulfils the pledge. Announced on pledge-events as pledge-updated.")
    ResponseEntity<PledgeResource> progress(@PathVariable UUID id, @RequestBody ProgressReport body,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @AuthenticationPrincipal Jwt token) {
        return answer(intake.reportProgress(id, expectedVersion(ifMatch), body.achievedQuantity(), Security.caller(token)));
    }

    @PostMapping("/api/v1/pledges/{id}/withdrawal")
    @Operation(summary = "Withdraw an active pledge",
            description = "Requires If-Match with the pledge's ETag (428 without, 412 if stale).")
    ResponseEntity<PledgeResource> withdraw(@PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @AuthenticationPrincipal Jwt token) {
        return answer(intake.withdraw(id, expectedVersion(ifMatch), Security.caller(token)));
    }

    static ResponseEntity<PledgeResource> answer(PledgeRecord stored) {
        return ResponseEntity.ok().eTag(Long.toString(stored.pledge().version())).body(PledgeResource.of(stored));
    }

    private static final Pattern VERSION_TAG = Pattern.compile("(?:W/)?(?:\"(\\d{1,18})\"|(\\d{1,18}))");
    static final int MAX_PAGE_SIZE = 200;

    /** Changes are conditional: the client names the version it read (our ETag), so no update is lost. */
    static long expectedVersion(String ifMatch) {
        if (ifMatch == null) {
            throw new PreconditionRequired();
        }
        Matcher matcher = VERSION_TAG.matcher(ifMatch.trim());
        if (!matcher.matches()) {
            throw new PledgeRefused(List.of(new PledgeRefused.Reason("If-Match", "reason.if-match-format")));
        }
        return Long.parseLong(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
    }

    /** A change sent without If-Match. */
    static class PreconditionRequired extends RuntimeException {
        PreconditionRequired() {
            super("changes to a pledge need If-Match with the ETag of the version they were made from");
        }
    }
}
