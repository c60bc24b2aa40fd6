package org.citypromise.pledge.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.citypromise.pledge.application.PledgeIntake;
import org.citypromise.pledge.domain.Caller;
import org.citypromise.pledge.domain.PledgeRecord;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** What a resident holds here: their own pledges, everything kept about them as a download, and its erasure. */
@RestController
@RequestMapping(produces = MediaType.APPLICATION_JSON_VALUE)
@SecurityRequirement(name = "bearer")
@Tag(name = "Pledges")
class OwnDataController {

    private final PledgeIntake intake;
    private final Clock clock;

    OwnDataController(PledgeIntake intake, Clock clock) {
        this.intake = intake;
        this.clock = clock;
    }

    @Schema(description = "Everything pledge-service holds about the caller")
    record PersonalData(@Schema(description = "The caller's account (the token's subject)") String subject,
                        Instant exportedAt,
                        @Schema(description = "The caller's pledges, newest first; pledges whose personal data "
                                + "was erased are no longer the caller's and are not among them")
                        List<HeldPledge> pledges) {
    }

    @Schema(description = "A pledge as held: in full, with what is kept with it")
    record HeldPledge(PledgeController.PledgeResource pledge,
                      @Schema(description = "The pseudonym the pledge is counted under outside this service",
                              nullable = true) String participantId,
                      @Schema(description = "The Idempotency-Key it was submitted with", nullable = true)
                      String idempotencyKey) {

        static HeldPledge of(PledgeRecord stored) {
            return new HeldPledge(PledgeController.PledgeResource.of(stored), stored.pledge().participantId(),
                    stored.idempotencyKey());
        }
    }

    @Schema(description = "What an erasure did")
    record Erasure(@Schema(example = "3", description = "The caller's pledges that lost their owner and personal "
            + "details; they stay counted, anonymised") long pledgesAnonymised) {
    }

    @GetMapping("/api/v1/me/pledges")
    @Operation(summary = "My pledges, newest first, a page at a time",
            description = "The caller's own pledges, in the shape of a city's list (each with its version, the ETag "
                    + "to send as If-Match). Pledges whose personal data the caller erased are no longer theirs.")
    PledgeController.PledgePage pledges(@RequestParam(defaultValue = "0") int page,
                                        @RequestParam(defaultValue = "20") int size,
                                        @AuthenticationPrincipal Jwt token) {
        PledgeController.checkPage(page, size);
        Caller caller = Security.caller(token);
        return new PledgeController.PledgePage(intake.own(caller, page * size, size).stream()
                .map(PledgeController.PledgeResource::of).toList(), page, size, intake.countOwn(caller));
    }

    @GetMapping("/api/v1/me/personal-data")
    @Operation(summary = "Download my personal data",
            description = "A JSON attachment with everything held about the caller: their subject and each of their "
                    + "pledges in full, with display name, contact, pseudonym and idempotency key.")
    ResponseEntity<PersonalData> personalData(@AuthenticationPrincipal Jwt token) {
        Caller caller = Security.caller(token);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename("citypromise-personal-data.json").build().toString())
                // personal data: no cache on the way keeps a copy
                .cacheControl(org.springframework.http.CacheControl.noStore())
                .body(new PersonalData(caller.subject(), clock.instant(),
                        intake.personalData(caller).stream().map(HeldPledge::of).toList()));
    }

    @DeleteMapping("/api/v1/me/personal-data")
    @Operation(summary = "Erase my personal data",
            description = "Removes the caller's name, contact and ownership from all their pledges. The pledges stay "
                    + "counted, anonymised: the caller can no longer read or change them. Repeating it is harmless.")
    Erasure erasePersonalData(@AuthenticationPrincipal Jwt token) {
        return new Erasure(intake.erasePersonalData(Security.caller(token)));
    }
}
