package org.citypromise.web.api;

import org.springframework.web.client.RestClient;

/**
 * pledge-service's API, called with the visitor's language and, when they are signed in, their access token
 * ({@link SignedInCalls}). The pledge flow and "my pledges" build their calls on {@link #client()}, each
 * wrapped in {@link ServiceCall} so that a refusal arrives as the service's problem and an outage as
 * {@link ServiceUnavailable}.
 */
public class PledgeApi {

    public static final String SERVICE = "pledge-service";

    private final RestClient client;

    public PledgeApi(RestClient client) {
        this.client = client;
    }

    public RestClient client() {
        return client;
    }
}
