package org.citypromise.inventory.web;

import java.util.List;

/**
 * What the API lets in beyond tokens: the browser origins allowed to call it (none: no browser may) and the
 * largest request body it reads. Given by the wiring, from the service's properties.
 */
public record ApiAccess(List<String> allowedOrigins, long maxRequestBodyBytes) {

    public ApiAccess {
        allowedOrigins = List.copyOf(allowedOrigins);
    }
}
