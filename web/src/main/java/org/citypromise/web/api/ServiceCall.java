package org.citypromise.web.api;

import org.springframework.http.ProblemDetail;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientException;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * One call to a service, its failures turned into what a page can say: not found (empty), refused (the
 * service's problem), unavailable (down, slow, or failing).
 */
public final class ServiceCall {

    private ServiceCall() {
    }

    /** The answer, or empty when the service says 404. */
    public static <T> Optional<T> find(String service, Supplier<T> call) {
        try {
            return Optional.ofNullable(call.get());
        } catch (HttpClientErrorException.NotFound notFound) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw translated(service, e);
        }
    }

    public static <T> T get(String service, Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw translated(service, e);
        }
    }

    static RuntimeException translated(String service, RuntimeException e) {
        if (e instanceof HttpClientErrorException refused) {
            ProblemDetail problem = null;
            try {
                problem = refused.getResponseBodyAs(ProblemDetail.class);
            } catch (RuntimeException unreadable) {
                // a 4xx without a readable problem: the status alone says what happened
            }
            return new ServiceRefused(refused.getStatusCode(), problem);
        }
        if (e instanceof HttpServerErrorException || e instanceof ResourceAccessException
                || e instanceof RestClientException) {
            return new ServiceUnavailable(service, e);
        }
        return e;
    }
}
