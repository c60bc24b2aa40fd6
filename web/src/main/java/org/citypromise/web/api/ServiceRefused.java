package org.citypromise.web.api;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * A service refused a request (4xx other than 404) with its RFC 9457 problem: title, detail and the
 * {@code errors} naming each field, already in the visitor's language (the call passed Accept-Language on).
 */
public class ServiceRefused extends RuntimeException {

    private final HttpStatusCode status;
    private final ProblemDetail problem;

    public ServiceRefused(HttpStatusCode status, ProblemDetail problem) {
        super(status + (problem == null ? "" : " " + problem.getTitle()));
        this.status = status;
        this.problem = problem;
    }

    public HttpStatusCode status() {
        return status;
    }

    /** The problem as the service answered it; null when it sent none that could be read. */
    public ProblemDetail problem() {
        return problem;
    }
}
