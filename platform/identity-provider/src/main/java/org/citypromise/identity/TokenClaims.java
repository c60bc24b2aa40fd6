package org.citypromise.identity;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * What the services read from an access token, as the deploy/keycloak realm's mappers put it there: {@code roles}
 * (a list), {@code cities} for officers, and the API audience {@value #API_AUDIENCE} (checked where
 * {@code spring.security.oauth2.resourceserver.jwt.audiences} is set). A client credentials token is its client's
 * service account's: subject {@code service-account-<clientId>}, the roles the client is registered with.
 * The ID token carries the resident's display name ({@code name}, scope profile) for the web site to greet them.
 */
@Component
class TokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    static final String API_AUDIENCE = "citypromise-api";
    /** A client setting: the roles of the client's service account (client credentials). */
    static final String SERVICE_ACCOUNT_ROLES = "citypromise.service-account.roles";

    private final Accounts accounts;

    TokenClaims(Accounts accounts) {
        this.accounts = accounts;
    }

    static String serviceAccount(String clientId) {
        return "service-account-" + clientId;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        Authentication principal = context.getPrincipal();
        if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            RegisteredClient client = context.getRegisteredClient();
            context.getClaims().audience(List.of(client.getClientId(), API_AUDIENCE));
            if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
                List<String> roles = client.getClientSettings().getSetting(SERVICE_ACCOUNT_ROLES);
                context.getClaims().subject(serviceAccount(client.getClientId()))
                        .claim("roles", roles == null ? List.of() : new ArrayList<>(roles));
            } else {
                context.getClaims().claim("roles", AccountRoles.roles(principal.getAuthorities()));
                List<String> cities = AccountRoles.cities(principal.getAuthorities());
                if (!cities.isEmpty()) {
                    context.getClaims().claim("cities", cities);
                }
            }
        } else if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
            accounts.displayName(principal.getName()).ifPresent(name -> context.getClaims().claim("name", name));
        }
    }
}
