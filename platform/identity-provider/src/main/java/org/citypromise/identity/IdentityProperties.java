package org.citypromise.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.util.List;

/**
 * The identity provider's settings (prefix {@code citypromise.identity}), defaults in application.yml.
 *
 * @param issuer        what tokens and the discovery document name as issuer: the address clients reach it by
 * @param dataDir       where the signing key, the generated secrets and the accounts are kept across restarts
 * @param demoPassword  the demo accounts' password; blank: generated once into {@code <dataDir>/demo-password}
 * @param webClient     the web site's client {@value AuthorizationServerSecurity#WEB_CLIENT_ID}
 */
@ConfigurationProperties("citypromise.identity")
public record IdentityProperties(String issuer, Path dataDir, String demoPassword, WebClient webClient) {

    /**
     * @param secret                    its client secret (client_secret_basic)
     * @param redirectUris              where it may have the code sent
     * @param postLogoutRedirectUris    where it may send the browser after signing out
     */
    public record WebClient(String secret, List<String> redirectUris, List<String> postLogoutRedirectUris) {
    }
}
