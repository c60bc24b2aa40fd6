package org.citypromise.aggregation.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.citypromise.aggregation.ViewConsumers;
import org.citypromise.aggregation.messaging.DeadLetters;
import org.citypromise.aggregation.store.ViewGenerations;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** What operators do to the views: look at and re-drive dead letters, rebuild the views from history. */
@RestController
@SecurityRequirement(name = "bearer")
@Tag(name = "Operations", description = "Dead letters and rebuilds of the views")
class OperationsController {

    private final DeadLetters deadLetters;
    private final ViewGenerations generations;
    private final ViewConsumers consumers;

    OperationsController(DeadLetters deadLetters, ViewGenerations generations, ViewConsumers consumers) {
        this.deadLetters = deadLetters;
        this.generations = generations;
        this.consumers = consumers;
    }

    record DeadLetterPage(List<DeadLetters.Entry> items, long from, int limit, long totalItems) {
    }

    @GetMapping("/api/v1/admin/dead-letters")
    @Operation(summary = "Records the views could not take, oldest first, with why and where they came from")
    DeadLetterPage deadLetters(@RequestParam(defaultValue = "0") long from, @RequestParam(defaultValue = "50") int limit) {
        if (from < 0) {
            throw new ContributionController.BadParameter("from", "must be 0 or more");
        }
        if (limit < 1 || limit > ContributionController.MAX_PAGE_SIZE) {
            throw new ContributionController.BadParameter("limit", "must be between 1 and "
                    + ContributionController.MAX_PAGE_SIZE);
        }
        return new DeadLetterPage(deadLetters.list(from, limit), from, limit, deadLetters.count());
    }

    @PostMapping("/api/v1/admin/dead-letters/redrive")
    @Operation(summary = "Takes every dead letter that can be read now into the views (after a fix); safe to repeat")
    DeadLetters.Redrive redrive() {
        return deadLetters.redrive();
    }

    record Rebuild(int serving, Integer building, Integer previous, Long buildingLag) {
    }

    @GetMapping("/api/v1/admin/rebuilds")
    @Operation(summary = "Which generation of the views serves, and how far a rebuild has to go")
    Rebuild rebuild() {
        ViewGenerations.State state = generations.state();
        return new Rebuild(state.serving(), state.building(), state.previous(),
                state.building() == null ? null : consumers.lag(state.building()));
    }

    @PostMapping("/api/v1/admin/rebuilds")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Rebuilds the views from the topics' history into a new generation; it serves once caught up")
    Rebuild startRebuild() {
        generations.startRebuild();
        return rebuild();
    }
}
