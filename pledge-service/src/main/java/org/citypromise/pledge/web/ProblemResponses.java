package org.citypromise.pledge.web;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.citypromise.pledge.PledgeIntake;
import org.citypromise.pledge.domain.EstimateUnavailable;
import org.citypromise.pledge.domain.PledgeClosed;
import org.citypromise.pledge.domain.PledgeRefused;
import org.citypromise.pledge.store.PledgeStore;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
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
class ProblemResponses extends ResponseEntityExceptionHandler {

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

    @ExceptionHandler(PledgeStore.StaleVersion.class)
    ResponseEntity<Object> staleVersion(PledgeStore.StaleVersion e) {
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
            if (tooLarge.getClass().getSimpleName().equals("TooLarge")) { // a body without a length, past the limit
                return respond(problem(HttpStatus.CONTENT_TOO_LARGE, "content-too-large", "Content too large",
                        List.of(new PledgeRefused.Reason("body", "is too large"))));
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

    /**
     * Spring refuses some Content-Type headers (a wildcard such as {@code *}{@code /*}) with an
     * IllegalArgumentException rather than a 415: answered as the 415 it is. Any other one is a bug: it stays a 500.
     */
    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Object> illegalArgument(IllegalArgumentException e, HttpServletRequest request) {
        String contentType = request.getContentType();
        if (contentType == null || usableMediaType(contentType)) {
            throw e;
        }
        return respond(notJson());
    }

    private static boolean usableMediaType(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return !type.isWildcardType() && !type.isWildcardSubtype();
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    /** A body in anything but JSON: the 415 names the header to change. */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return respond(notJson());
    }

    /**
     * Parameters Tomcat cannot decode ({@code %zz}): in a form body (refused anyway, JSON only) the same 415 as any
     * form; in the query string a 400. Unhandled, each was an ERROR with a stack trace for a client's mistake.
     */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<Object> undecodableParameters(InvalidParameterException e, HttpServletRequest request) {
        if (request.getContentType() != null
                && request.getContentType().toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return respond(notJson());
        }
        return respond(problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input",
                List.of(new PledgeRefused.Reason("query", "is not well-formed (percent-encoding)"))));
    }

    /**
     * The API answers JSON only: a client whose Accept rules JSON out learns so before its request is carried out
     * (every mapping declares what it produces), never after a change it would take for refused.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(HttpMediaTypeNotAcceptableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return respond(problem(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "Not Acceptable",
                List.of(new PledgeRefused.Reason("Accept", "must allow application/json"))));
    }

    /**
     * Every problem as application/problem+json, whatever the client's Accept header says: without a content type
     * set here, an Accept the problem cannot be written in (text/html, image/png) left the answer without a body.
     */
    @Override
    protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        HttpHeaders problemHeaders = new HttpHeaders();
        problemHeaders.addAll(headers);
        if (body instanceof ProblemDetail) {
            problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        return new ResponseEntity<>(body, problemHeaders, statusCode);
    }

    private static ProblemDetail notJson() {
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported Media Type",
                List.of(new PledgeRefused.Reason("Content-Type", "must be application/json")));
    }

    private static ResponseEntity<Object> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
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
