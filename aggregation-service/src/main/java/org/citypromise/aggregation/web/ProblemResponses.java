package org.citypromise.aggregation.web;

import org.citypromise.kit.web.ApiProblems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Errors as RFC 9457 problems; a bad parameter is named in {@code errors}. */
@RestControllerAdvice
class ProblemResponses extends ApiProblems {

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
}
