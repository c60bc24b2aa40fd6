package org.citypromise.kit.web;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The RFC 9457 problems every service answers the same way, for what is wrong with a request before its own
 * handlers look at it: the media types it sends and accepts, and parameters that cannot be decoded. Each
 * service's {@code @RestControllerAdvice} extends this with the problems of its own domain.
 */
public abstract class ApiProblems extends ResponseEntityExceptionHandler {

    /** A problem naming the one field (or header) at fault: {@code errors: [{field, reason}]}. */
    protected static ProblemDetail problem(HttpStatus status, String type, String title, String field, String reason) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, field + " " + reason);
        problem.setType(URI.create("urn:citypromise:problem:" + type));
        problem.setTitle(title);
        problem.setProperty("errors", List.of(Map.of("field", field, "reason", reason)));
        return problem;
    }

    /** A problem of the kit's own: its title ({@code kit.title.<type>}) and reason in the request's language. */
    static ProblemDetail kitProblem(HttpStatus status, String type, String field, String reasonKey, Object... arguments) {
        String reason = ApiLanguages.text(reasonKey, arguments);
        ProblemDetail problem = problem(status, type, ApiLanguages.text("kit.title." + type), field, reason);
        problem.setDetail(ApiLanguages.text("kit.detail", field, reason));
        return problem;
    }

    /** The problem as application/problem+json, saying its language (see {@link ApiLanguages}). */
    protected static ResponseEntity<Object> respond(ProblemDetail problem) {
        HttpHeaders headers = new HttpHeaders();
        ApiLanguages.describe(headers);
        return ResponseEntity.status(problem.getStatus()).headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /** A body in anything but JSON: the 415 names the header to change. */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return respond(notJson());
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

    /**
     * Parameters Tomcat cannot decode ({@code %zz}): in a form body (refused anyway, JSON only) the same 415 as any
     * form; in the query string a 400. Unhandled, each was an ERROR with a stack trace for a client's mistake.
     */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<Object> undecodableParameters(InvalidParameterException e, HttpServletRequest request) {
        if (request.getContentType() != null && request.getContentType().toLowerCase(Locale.ROOT)
                .startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE)) {
            return respond(notJson());
        }
        return respond(kitProblem(HttpStatus.BAD_REQUEST, "invalid-input", "query", "kit.reason.percent-encoding"));
    }

    /**
     * The API answers JSON only: a client whose Accept rules JSON out learns so before its request is carried out
     * (every mapping declares what it produces), never after a change it would take for refused.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(HttpMediaTypeNotAcceptableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return respond(kitProblem(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "Accept", "kit.reason.accept-json"));
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
        if (body instanceof ProblemDetail problem) {
            problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
                // Spring's own problems (405, a missing parameter...): its English replaced by the status's words
                problem.setTitle(ApiLanguages.text(ErrorProblems.statusKey(statusCode.value())));
                problem.setDetail(ApiLanguages.text(ErrorProblems.statusKey(statusCode.value()) + ".detail"));
            }
            ApiLanguages.describe(problemHeaders);
        }
        return new ResponseEntity<>(body, problemHeaders, statusCode);
    }

    private static ProblemDetail notJson() {
        return kitProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Content-Type",
                "kit.reason.content-type-json");
    }

    private static boolean usableMediaType(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return !type.isWildcardType() && !type.isWildcardSubtype();
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
