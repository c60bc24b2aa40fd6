package org.citypromise.aggregation.web;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.WebRequest;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** Errors as RFC 9457 problems; a bad parameter is named in {@code errors}. */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

    @ExceptionHandler(ContributionController.BadParameter.class)
    ResponseEntity<Object> badParameter(ContributionController.BadParameter e) {
        return respond(problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input", e.field, e.reason));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
        return respond(problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input", e.getName(),
                "is not a valid " + (e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName())));
    }

    @ExceptionHandler(ContributionController.NotFound.class)
    ResponseEntity<Object> notFound(ContributionController.NotFound e) {
        ProblemDetail problem = problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e.field, "has no contributions");
        problem.setDetail(e.getMessage());
        return respond(problem);
    }

    @ExceptionHandler(ContributionController.UnknownCity.class)
    ResponseEntity<Object> unknownCity(ContributionController.UnknownCity e) {
        ProblemDetail problem = problem(HttpStatus.NOT_FOUND, "unknown-city", "Unknown city", "cityId",
                "has no contributions view");
        problem.setDetail(e.getMessage());
        return respond(problem);
    }

    /**
     * Parameters Tomcat cannot decode ({@code %zz}), in the query string or a form body (no operation takes one):
     * a 400 naming them. Unhandled, each was an ERROR with a stack trace for a client's mistake.
     */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<Object> undecodableParameters(InvalidParameterException e, HttpServletRequest request) {
        boolean form = request.getContentType() != null
                && request.getContentType().toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded");
        return respond(problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input", form ? "body" : "query",
                "is not well-formed (percent-encoding)"));
    }

    /**
     * The API answers JSON only: a client whose Accept rules JSON out learns so before its request is carried out
     * (every mapping declares what it produces), never after a change it would take for refused.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(HttpMediaTypeNotAcceptableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return respond(problem(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "Not Acceptable", "Accept",
                "must allow application/json"));
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

    private static ResponseEntity<Object> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String field, String reason) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, field + " " + reason);
        problem.setType(URI.create("urn:citypromise:problem:" + type));
        problem.setTitle(title);
        problem.setProperty("errors", List.of(Map.of("field", field, "reason", reason)));
        return problem;
    }
}
