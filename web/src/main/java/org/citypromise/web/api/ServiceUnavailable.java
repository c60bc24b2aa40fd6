package org.citypromise.web.api;

/** A service did not answer in time, could not be reached, or failed (5xx): the page cannot be made now. */
public class ServiceUnavailable extends RuntimeException {

    private final String service;

    public ServiceUnavailable(String service, Throwable cause) {
        super(service + " is unavailable: " + cause.getMessage(), cause);
        this.service = service;
    }

    public String service() {
        return service;
    }
}
