package org.citypromise.pledge.web;

import org.citypromise.kit.web.ApiLanguages;
import org.citypromise.kit.web.ApiProblems;
import org.citypromise.kit.web.BodySizeLimit;
import org.citypromise.pledge.application.PledgeIntake;
import org.citypromise.pledge.domain.EstimateUnavailable;
import org.citypromise.pledge.domain.PledgeClosed;
import org.citypromise.pledge.domain.PledgeRefused;
import org.citypromise.pledge.domain.StaleVersion;
import org.springframework.context.MessageSource;
import org.springframework.context.support.DefaultMessageSourceResolvable;
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
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Errors as RFC 9457 problems. Refused input carries {@code errors}, one entry per field with the
 * reason, so a mobile client can show each next to its field. Titles, details and reasons are in the
 * client's language ({@code Accept-Language}, see {@link ApiLanguages}); field names and types never change.
 */
@RestControllerAdvice
class ProblemResponses extends ApiProblems {

    private final MessageSource messages;

    ProblemResponses(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(PledgeRefused.class)
    ResponseEntity<Object> refused(PledgeRefused e) {
        return respond(problem(HttpStatus.BAD_REQUEST, "invalid-input", e.reasons()));
    }

    @ExceptionHandler(PledgeIntake.UnknownCity.class)
    ResponseEntity<Object> unknownCity(PledgeIntake.UnknownCity e) {
        return respond(problem(HttpStatus.NOT_FOUND, "unknown-city",
                List.of(new PledgeRefused.Reason("cityId", "reason.unknown-city"))));
    }

    @ExceptionHandler(EstimateUnavailable.class)
    ResponseEntity<Object> estimateUnavailable(EstimateUnavailable e) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "estimate-unavailable",
                List.of(new PledgeRefused.Reason("actionCode", "reason.factor-unpublished", e.factorCode())));
        problem.setDetail(text("detail.estimate-unavailable", e.actionCode(), e.cityId(), e.factorCode(), e.factorUnit()));
        return respond(problem);
    }

    @ExceptionHandler(PledgeIntake.IdempotencyKeyReused.class)
    ResponseEntity<Object> keyReused(PledgeIntake.IdempotencyKeyReused e) {
        return respond(problem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
                List.of(new PledgeRefused.Reason("Idempotency-Key", "reason.key-reused"))));
    }

    @ExceptionHandler(PledgeController.PreconditionRequired.class)
    ResponseEntity<Object> preconditionRequired(PledgeController.PreconditionRequired e) {
        return respond(problem(HttpStatus.PRECONDITION_REQUIRED, "precondition-required",
                List.of(new PledgeRefused.Reason("If-Match", "reason.if-match-required"))));
    }

    @ExceptionHandler(StaleVersion.class)
    ResponseEntity<Object> staleVersion(StaleVersion e) {
        return respond(problem(HttpStatus.PRECONDITION_FAILED, "stale-version",
                List.of(new PledgeRefused.Reason("If-Match", "reason.stale-version"))));
    }

    @ExceptionHandler(PledgeClosed.class)
    ResponseEntity<Object> closed(PledgeClosed e) {
        return respond(problem(HttpStatus.CONFLICT, "pledge-closed",
                List.of(new PledgeRefused.Reason("status", "reason.pledge-closed"))));
    }

    @ExceptionHandler(PledgeIntake.NotYours.class)
    ResponseEntity<Object> notYours(PledgeIntake.NotYours e) {
        return respond(problem(HttpStatus.FORBIDDEN, "forbidden",
                List.of(new PledgeRefused.Reason("id", "reason.not-yours"))));
    }

    @ExceptionHandler(PledgeIntake.UnknownPledge.class)
    ResponseEntity<Object> unknownPledge(PledgeIntake.UnknownPledge e) {
        return respond(problem(HttpStatus.NOT_FOUND, "unknown-pledge",
                List.of(new PledgeRefused.Reason("id", "reason.unknown-pledge"))));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
        return respond(problem(HttpStatus.BAD_REQUEST, "invalid-input",
                List.of(new PledgeRefused.Reason(e.getName(), "reason.not-well-formed"))));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable tooLarge = e; tooLarge != null; tooLarge = tooLarge.getCause()) {
            if (tooLarge instanceof BodySizeLimit.TooLarge limit) { // a body without a length, past the limit
                return respond(problem(HttpStatus.CONTENT_TOO_LARGE, "content-too-large",
                        List.of(new PledgeRefused.Reason("body", "kit.reason.too-large", limit.maxBytes()))));
            }
        }
        Throwable cause = e.getMostSpecificCause();
        PledgeRefused.Reason reason;
        if (cause instanceof UnrecognizedPropertyException unknown) {
            reason = new PledgeRefused.Reason(unknown.getPropertyName(), "reason.unknown-field");
        } else if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            reason = new PledgeRefused.Reason(jackson.getPath().get(jackson.getPath().size() - 1).getPropertyName(),
                    "reason.wrong-type");
        } else {
            reason = new PledgeRefused.Reason("body", cause instanceof JacksonException
                    ? "reason.not-json" : "reason.unreadable");
        }
        return respond(problem(HttpStatus.BAD_REQUEST, "invalid-input", List.of(reason)));
    }

    /** A problem naming each field at fault; its title is the type's, its detail the reasons, said in a line. */
    private ProblemDetail problem(HttpStatus status, String type, List<PledgeRefused.Reason> reasons) {
        List<Map<String, String>> errors = reasons.stream()
                .map(r -> Map.of("field", r.field(), "reason", text(r.key(), r.arguments().toArray()))).toList();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, errors.stream()
                .map(error -> text("kit.detail", error.get("field"), error.get("reason")))
                .collect(Collectors.joining("; ")));
        problem.setType(URI.create("urn:citypromise:problem:" + type));
        // the kit's title where the problem is one every service has (invalid input, forbidden...)
        problem.setTitle(messages.getMessage(new DefaultMessageSourceResolvable(
                new String[] {"title." + type, "kit.title." + type}), language()));
        problem.setProperty("errors", errors);
        return problem;
    }

    private String text(String key, Object... arguments) {
        return messages.getMessage(key, arguments, language());
    }

    private static Locale language() {
        Locale locale = ApiLanguages.current();
        ApiLanguages.answeredIn(locale);
        return locale;
    }
}
