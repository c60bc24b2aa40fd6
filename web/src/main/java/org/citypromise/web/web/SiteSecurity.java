package org.citypromise.web.web;

import jakarta.servlet.http.HttpServletRequest;
import org.citypromise.web.domain.Language;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.web.util.UriComponentsBuilder;

import java.net.URI;
import java.util.Optional;

/**
 * The site as a backend-for-frontend: residents sign in by OpenID Connect (authorization code with PKCE),
 * the tokens stay in the server's session (the browser holds only the session cookie: HttpOnly, SameSite=Lax,
 * Secure behind TLS), every form carries a CSRF token, signing out is a POST that also ends the session at the
 * identity provider. Public pages need no sign-in; {@code /{lang}/me/**} does.
 */
public final class SiteSecurity {

    /** Paths only a signed-in resident may open. The pledge flow adds its submission here. */
    public static final String[] SIGNED_IN_ONLY = {"/*/me", "/*/me/**", "/*/sign-in", "/*/pledge/details"};

    /** OpenID Connect Core 3.1.2.1: the languages the end-user prefers for the provider's pages. */
    private static final String UI_LOCALES = "ui_locales";

    private SiteSecurity() {
    }

    /** No inline script or style anywhere; forms post only here and to the identity provider (sign-in, sign-up). */
    public static String contentSecurityPolicy(URI issuer) {
        String provider = issuer.getScheme() + "://" + issuer.getAuthority();
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
                + "frame-ancestors 'none'; form-action 'self' " + provider + "; base-uri 'self'; object-src 'none'";
    }

    public static SecurityFilterChain filterChain(HttpSecurity http, ClientRegistrationRepository registrations,
                                                  String registrationId, URI issuer) throws Exception {
        DefaultOAuth2AuthorizationRequestResolver withPkce =
                new DefaultOAuth2AuthorizationRequestResolver(registrations, "/oauth2/authorization");
        withPkce.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        OAuth2AuthorizationRequestResolver authorizationRequests = inPageLanguage(withPkce);
        OidcClientInitiatedLogoutSuccessHandler signedOut = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        signedOut.setPostLogoutRedirectUri("{baseUrl}/");
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers(SIGNED_IN_ONLY).authenticated()
                        .anyRequest().permitAll())
                // straight to the identity provider: no generated sign-in or sign-out page (English only, inline
                // styles); a failed sign-in comes back to the home page
                .oauth2Login(login -> login.loginPage("/oauth2/authorization/" + registrationId).failureUrl("/")
                        .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(authorizationRequests)))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessHandler(signedOut))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy(issuer)))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(
                                ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                        .addHeaderWriter(new StaticHeadersWriter("Permissions-Policy",
                                "camera=(), microphone=(), geolocation=(), payment=()"))
                        .addHeaderWriter(new StaticHeadersWriter("Cross-Origin-Opener-Policy", "same-origin")));
        return http.build();
    }

    /**
     * Asks the identity provider for its sign-in and sign-up pages in the visitor's language (OpenID Connect's
     * {@code ui_locales}): that of the page that sent them to sign in (saved in the session: {@code /ko/sign-in},
     * {@code /ko/pledge/details}), else their browser's.
     */
    private static OAuth2AuthorizationRequestResolver inPageLanguage(OAuth2AuthorizationRequestResolver resolver) {
        return new OAuth2AuthorizationRequestResolver() {
            @Override
            public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
                return withUiLocales(resolver.resolve(request), request);
            }

            @Override
            public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String registrationId) {
                return withUiLocales(resolver.resolve(request, registrationId), request);
            }
        };
    }

    private static OAuth2AuthorizationRequest withUiLocales(OAuth2AuthorizationRequest authorization,
                                                           HttpServletRequest request) {
        if (authorization == null) {
            return null;
        }
        String language = pageLanguage(request).tag();
        // from() keeps the request's URI as built: the parameter goes into it as well as into the request
        return OAuth2AuthorizationRequest.from(authorization)
                .additionalParameters(parameters -> parameters.put(UI_LOCALES, language))
                .authorizationRequestUri(UriComponentsBuilder.fromUriString(authorization.getAuthorizationRequestUri())
                        .queryParam(UI_LOCALES, language).build(true).toUriString())
                .build();
    }

    static Language pageLanguage(HttpServletRequest request) {
        SavedRequest signInFrom = new HttpSessionRequestCache().getRequest(request, null);
        if (signInFrom != null) {
            String[] path = URI.create(signInFrom.getRedirectUrl()).getPath().split("/");
            Optional<Language> ofPage = path.length > 1 ? Language.ofTag(path[1]) : Optional.empty();
            if (ofPage.isPresent()) {
                return ofPage.get();
            }
        }
        return Language.preferredBy(request.getHeader("Accept-Language"));
    }
}
