package org.citypromise.aggregation.web;

import org.springframework.http.HttpStatus;
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
    ProblemDetail badParameter(ContributionController.BadParameter e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input", e.field, e.reason);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input", e.getName(),
                "is not a valid " + (e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName()));
    }

    @ExceptionHandler(ContributionController.NotFound.class)
    ProblemDetail notFound(ContributionController.NotFound e) {
        ProblemDetail problem = problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e.field, "has no contributions");
        problem.setDetail(e.getMessage());
        return problem;
    }

    @ExceptionHandler(ContributionController.UnknownCity.class)
    ProblemDetail unknownCity(ContributionController.UnknownCity e) {
        ProblemDetail problem = problem(HttpStatus.NOT_FOUND, "unknown-city", "Unknown city", "cityId",
                "has no contributions view");
        problem.setDetail(e.getMessage());
        return problem;
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String field, String reason) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, field + " " + reason);
        problem.setType(URI.create("urn:citypromise:problem:" + type));
        problem.setTitle(title);
        problem.setProperty("errors", List.of(Map.of("field", field, "reason", reason)));
        return problem;
    }
}
