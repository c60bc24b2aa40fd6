package org.citypromise.pledge.web;

import org.citypromise.kit.web.ApiProblems;
import org.citypromise.kit.web.BodySizeLimit;
import org.citypromise.pledge.application.PledgeIntake;
import org.citypromise.pledge.domain.EstimateUnavailable;
import org.citypromise.pledge.domain.PledgeClosed;
import org.citypromise.pledge.domain.PledgeRefused;
import org.citypromise.pledge.domain.StaleVersion;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Errors as RFC 9457 problems. Refused input carries {@code errors}, one entry per field with the
 * reason, so a mobile client can show each next to its field.
 */
@RestControllerAdvice
class ProblemResponses extends ApiProblems {

    @ExceptionHandler(PledgeRefused.class)
    ResponseEntity<Object> refused(PledgeRefused e) {
        return respond(problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input", e.reasons()));
    }

    @ExceptionHandler(PledgeIntake.UnknownCity.class)
    ResponseEntity<Object> unknownCity(PledgeIntake.UnknownCity e) {
        return respond(problem(HttpStatus.NOT_FOUND, "unknown-city", "Unknown city",
                List.of(new PledgeRefused.Reason("cityId", "is not a registered city"))));
    }

    @ExceptionHandler(EstimateUnavailable.class)
    ResponseEntity<Object> estimateUnavailable(EstimateUnavailable e) {
        return respond(withDetail(problem(HttpStatus.UNPROCESSABLE_CONTENT, "estimate-unavailable",
                "Estimate unavailable in this city", List.of(new PledgeRefused.Reason("actionCode",
                        "needs the city's " + e.factorCode() + " emission factor, which it has not published"))), e.getMessage()));
    }

    @ExceptionHandler(PledgeIntake.IdempotencyKeyReused.class)
    ResponseEntity<Object> keyReused(PledgeIntake.IdempotencyKeyReused e) {
        return respond(problem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency key reused",
                List.of(new PledgeRefused.Reason("Idempotency-Key", "was already used for a different pledge"))));
    }

    @ExceptionHandler(PledgeController.PreconditionRequired.class)
    ResponseEntity<Object> preconditionRequired(PledgeController.PreconditionRequired e) {
        return respond(withDetail(problem(HttpStatus.PRECONDITION_REQUIRED, "precondition-required", "If-Match required",
                List.of(new PledgeRefused.Reason("If-Match", "is required: send the ETag of the pledge you read"))), e.getMessage()));
    }

    @ExceptionHandler(StaleVersion.class)
    ResponseEntity<Object> staleVersion(StaleVersion e) {
        return respond(withDetail(problem(HttpStatus.PRECONDITION_FAILED, "stale-version", "Stale version",
                List.of(new PledgeRefused.Reason("If-Match", "is not the current version; read the pledge again"))), e.getMessage()));
    }

    @ExceptionHandler(PledgeClosed.class)
    ResponseEntity<Object> closed(PledgeClosed e) {
        return respond(withDetail(problem(HttpStatus.CONFLICT, "pledge-closed", "Pledge closed",
                List.of(new PledgeRefused.Reason("status", "is final: fulfilled, withdrawn and lapsed pledges do not change"))), e.getMessage()));
    }

    @ExceptionHandler(PledgeIntake.NotYours.class)
    ResponseEntity<Object> notYours(PledgeIntake.NotYours e) {
        return respond(withDetail(problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                List.of(new PledgeRefused.Reason("id", "is not a pledge you may see or change"))), e.getMessage()));
    }

    @ExceptionHandler(PledgeIntake.UnknownPledge.class)
    ResponseEntity<Object> unknownPledge(PledgeIntake.UnknownPledge e) {
        return respond(problem(HttpStatus.NOT_FOUND, "unknown-pledge", "Unknown pledge",
                List.of(new PledgeRefused.Reason("id", "is not a pledge"))));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
        return respond(problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input",
                List.of(new PledgeRefused.Reason(e.getName(), "is not well-formed"))));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable tooLarge = e; tooLarge != null; tooLarge = tooLarge.getCause()) {
            if (tooLarge instanceof BodySizeLimit.TooLarge limit) { // a body without a length, past the limit
                return respond(problem(HttpStatus.CONTENT_TOO_LARGE, "content-too-large", "Content too large",
                        List.of(new PledgeRefused.Reason("body", "is larger than " + limit.maxBytes() + " bytes"))));
            }
        }
        Throwable cause = e.getMostSpecificCause();
        PledgeRefused.Reason reason;
        if (cause instanceof UnrecognizedPropertyException unknown) {
            reason = new PledgeRefused.Reason(unknown.getPropertyName(), "is not a known field");
        } else if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            reason = new PledgeRefused.Reason(jackson.getPath().get(jackson.getPath().size() - 1).getPropertyName(),
                    "has the wrong type or format");
        } else {
            reason = new PledgeRefused.Reason("body", cause instanceof JacksonException
                    ? "is not well-formed JSON" : "is missing or unreadable");
        }
        return respond(problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input", List.of(reason)));
    }

    private static ProblemDetail withDetail(ProblemDetail problem, String detail) {
        problem.setDetail(detail);
        return problem;
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title,
                                         List<PledgeRefused.Reason> reasons) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
                reasons.stream().map(r -> r.field() + " " + r.reason()).collect(Collectors.joining("; ")));
        problem.setType(URI.create("urn:citypromise:problem:" + type));
        problem.setTitle(title);
        problem.setProperty("errors", reasons.stream()
                .map(r -> Map.of("field", r.field(), "reason", r.reason())).toList());
        return problem;
    }
}
