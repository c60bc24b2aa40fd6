package org.citypromise.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.time.Duration;

/**
 * The web application's settings ({@code citypromise.web.*}); their defaults and what each is for are in
 * application.yml.
 *
 * @param pledgeUrl       pledge-service's base URL
 * @param inventoryUrl    inventory-service's base URL
 * @param aggregationUrl  aggregation-service's base URL
 */
@ConfigurationProperties("citypromise.web")
public record WebProperties(URI pledgeUrl, URI inventoryUrl, URI aggregationUrl, Calls calls, Identity identity,
                            Live live) {

    /** How long a page waits for a service before it says the service is unavailable. */
    public record Calls(Duration connectTimeout, Duration readTimeout) {
    }

    /**
     * The OpenID provider residents sign in with. Its endpoints are the issuer plus their paths, configured
     * rather than discovered so that the site starts (and shows its public pages) while the provider is down.
     */
    public record Identity(String registrationId, URI issuer, String clientId, String clientSecret,
                           String authorizationPath, String tokenPath, String jwkSetPath, String userInfoPath,
                           String endSessionPath) {

        public String endpoint(String path) {
            return issuer.toString().replaceAll("/+$", "") + path;
        }
    }

    /**
     * Live updates of open city pages.
     *
     * @param group              prefix of this instance's consumer group (a random suffix: every instance reads every update)
     * @param heartbeat          how often an idle stream gets a comment, so that proxies keep it open
     * @param streamTimeout      how long one stream lasts before the browser reconnects
     * @param maxStreams         open streams per instance, all cities together
     * @param maxStreamsPerCity  open streams per city per instance
     */
    public record Live(String group, Duration heartbeat, Duration streamTimeout, int maxStreams, int maxStreamsPerCity) {
    }
}
