package org.citypromise.aggregation.web;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.citypromise.aggregation.application.ViewOperations;
import org.citypromise.aggregation.domain.DeadLetter;
import org.springframework.http.MediaType;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** What operators do to the views: look at and re-drive dead letters, rebuild the views from history. */
@RestController
@RequestMapping(produces = MediaType.APPLICATION_JSON_VALUE)
@SecurityRequirement(name = "bearer")
@Tag(name = "Operations", description = "Dead letters and rebuilds of the views")
class OperationsController {

    private final ViewOperations operations;

    OperationsController(ViewOperations operations) {
        this.operations = operations;
    }

    record DeadLetterPage(List<DeadLetter> items, long from, int limit, long totalItems) {
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
        return new DeadLetterPage(operations.deadLetters(from, limit), from, limit, operations.deadLetterCount());
    }

    @PostMapping("/api/v1/admin/dead-letters/redrive")
    @Operation(summary = "Takes every dead letter that can be read now into the views (after a fix); safe to repeat")
    DeadLetter.Redrive redrive(HttpServletRequest request) throws IOException {
        takesNoInput(request);
        return operations.redrive();
    }

    record Rebuild(int serving, Integer building, Integer previous, Long buildingLag) {
        static Rebuild of(ViewOperations.Rebuild state) {
            return new Rebuild(state.serving(), state.building(), state.previous(), state.buildingLag());
        }
    }

    @GetMapping("/api/v1/admin/rebuilds")
    @Operation(summary = "Which generation of the views serves, and how far a rebuild has to go")
    Rebuild rebuild() {
        return Rebuild.of(operations.rebuild());
    }

    @PostMapping("/api/v1/admin/rebuilds")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Rebuilds the views from the topics' history into a new generation; it serves once caught up")
    Rebuild startRebuild(HttpServletRequest request) throws IOException {
        takesNoInput(request);
        return Rebuild.of(operations.startRebuild());
    }

    /** What a body of an operation may hold: nothing but an empty JSON object, with whitespace around. */
    private static final Pattern NO_INPUT = Pattern.compile("[ \\t\\r\\n]*(\\{[ \\t\\r\\n]*\\})?[ \\t\\r\\n]*");
    private static final int MOST_READ = 4096;

    /**
     * The operations take no input: a query parameter or a body other than nothing or {@code {}} is refused with
     * 400 naming it, before anything starts, so that a mistyped or hostile request by an admin starts nothing.
     * The query is read as sent (not through the servlet's parameters, which would also read a form body).
     */
    static void takesNoInput(HttpServletRequest request) throws IOException {
        String query = request.getQueryString();
        if (query != null && !query.isEmpty()) {
            String name = query.split("&", 2)[0].split("=", 2)[0];
            try {
                name = URLDecoder.decode(name, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException undecodable) {
                // named as sent
            }
            name = name.length() > 100 ? name.substring(0, 100) + "..." : name;
            throw new ContributionController.BadParameter(name.isBlank() ? "query" : name,
                    "is not a parameter of this operation: it takes none");
        }
        byte[] body = request.getInputStream().readNBytes(MOST_READ + 1);
        String contentType = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        // a form or multipart body may have been read by the servlet container already: its length still tells
        boolean readElsewhere = body.length == 0 && (request.getContentLengthLong() > 0
                || (request.getHeader("Transfer-Encoding") != null
                && (contentType.startsWith("application/x-www-form-urlencoded") || contentType.startsWith("multipart/"))));
        if (readElsewhere || body.length > MOST_READ
                || !NO_INPUT.matcher(new String(body, StandardCharsets.ISO_8859_1)).matches()) {
            throw new ContributionController.BadParameter("body", "must be empty or {}: this operation takes no input");
        }
    }
}
