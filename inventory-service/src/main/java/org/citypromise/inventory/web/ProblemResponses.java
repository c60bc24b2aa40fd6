package org.citypromise.inventory.web;

import org.citypromise.inventory.application.UnknownCity;
import org.citypromise.inventory.domain.ConcurrentChange;
import org.citypromise.inventory.domain.InvalidInput;
import org.citypromise.inventory.domain.StaleVersion;
import org.citypromise.kit.web.ApiProblems;
import org.citypromise.kit.web.BodySizeLimit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * Every error as an RFC 9457 problem. Input errors carry {@code errors}: one entry per field, naming
 * it as the client sent it, with the reason.
 */
@RestControllerAdvice
class ProblemResponses extends ApiProblems {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);
    static final URI INVALID_INPUT = URI.create("urn:citypromise:problem:invalid-input");

    @ExceptionHandler(InvalidInput.class)
    ResponseEntity<Object> invalidInput(InvalidInput e) {
        return respond(invalid(e.violations()));
    }

    @ExceptionHandler(UnknownCity.class)
    ResponseEntity<Object> unknownCity(UnknownCity e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setType(URI.create("urn:citypromise:problem:unknown-city"));
        problem.setTitle("Unknown city");
        problem.setProperty("errors", List.of(Map.of("field", "cityId", "reason", "is not a registered city")));
        return respond(problem);
    }

    @ExceptionHandler(NotPublished.class)
    ResponseEntity<Object> notPublished(NotPublished e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setType(URI.create("urn:citypromise:problem:not-published"));
        problem.setTitle("Not published");
        return respond(problem);
    }

    @ExceptionHandler(ConcurrentChange.class)
    ResponseEntity<Object> concurrentChange(ConcurrentChange e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setType(URI.create("urn:citypromise:problem:concurrent-change"));
        problem.setTitle("Concurrent change");
        return respond(problem);
    }

    @ExceptionHandler(StaleVersion.class)
    ResponseEntity<Object> staleVersion(StaleVersion e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PRECONDITION_FAILED, e.getMessage());
        problem.setType(URI.create("urn:citypromise:problem:stale-version"));
        problem.setTitle("Stale version");
        problem.setProperty("errors", List.of(Map.of("field", "If-Match",
                "reason", "is not the current version; read it again and retry")));
        return respond(problem);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
        return respond(invalid(List.of(new InvalidInput.Violation(e.getName(), "is not a valid "
                + (e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName())))));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodySizeLimit.TooLarge tooLarge) { // a body without a length, past the limit
                ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                        "body is larger than " + tooLarge.maxBytes() + " bytes");
                problem.setType(URI.create("urn:citypromise:problem:content-too-large"));
                problem.setTitle("Content too large");
                problem.setProperty("errors", List.of(Map.of("field", "body",
                        "reason", "is larger than " + tooLarge.maxBytes() + " bytes")));
                return respond(problem);
            }
        }
        return respond(invalid(List.of(unreadable(e))));
    }

    /** Names the field a malformed body went wrong at, as far as the JSON parser got. */
    static InvalidInput.Violation unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return new InvalidInput.Violation(path(unknown), "is not a known field");
        }
        if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            return new InvalidInput.Violation(path(jackson), "has the wrong type or format");
        }
        if (cause instanceof JacksonException jackson) {
            String why = jackson.getOriginalMessage() == null ? "" : jackson.getOriginalMessage();
            return new InvalidInput.Violation("body", "is not well-formed JSON"
                    + (why.isBlank() ? "" : ": " + (why.length() > 200 ? why.substring(0, 200) + "..." : why)));
        }
        return new InvalidInput.Violation("body", "is missing or unreadable");
    }

    private static String path(JacksonException e) {
        return e.getPath().stream()
                .map(reference -> reference.getPropertyName() != null ? reference.getPropertyName()
                        : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static ProblemDetail invalid(List<InvalidInput.Violation> violations) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, violations.stream()
                .map(v -> v.field() + " " + v.reason()).collect(Collectors.joining("; ")));
        problem.setType(INVALID_INPUT);
        problem.setTitle("Invalid input");
        problem.setProperty("errors", violations.stream()
                .map(v -> Map.of("field", v.field(), "reason", v.reason())).toList());
        log.debug("Refused input: {}", problem.getDetail());
        return problem;
    }
}
