package org.citypromise.pledge.web;

import jakarta.servlet.DispatcherType;
import org.citypromise.kit.web.ApiSecurity;
import org.citypromise.kit.web.BodySizeLimit;
import org.citypromise.pledge.domain.Caller;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Who may do what, from the identity provider's bearer token (JWT: {@code sub}, {@code roles},
 * {@code cities}): residents pledge and change their own pledges and erase their personal data; a
 * pledge is read by its owner, its city's officers and admins; a city's officers list its pledges;
 * the catalog of actions, a pledge's estimate, the API docs and health are public; the other actuator endpoints (metrics) are for
 * the monitoring role or admins. Refusals are problems like every other
 * error: 401 without a valid token, 403 when the token does not allow it. The filter chain is made by the
 * service's configuration, which holds the settings (origins, rate limits, body size).
 */
public final class Security {

    /** Reads the actuator endpoints other than health (metrics): the Prometheus scraper's role. */
    static final String MONITORING = "monitoring";

    private Security() {
    }

    /**
     * @param allowedOrigins the browser origins that may call the API (none: no cross-origin calls)
     * @param perClient      pledge writes a client may make a minute (at least 1)
     * @param perAddress     pledge writes an IP address may make a minute (at least 1)
     * @param maxBodyBytes   the largest request body read
     * @param messages       the service's texts, for the rate limits' problems
     */
    public static SecurityFilterChain api(HttpSecurity http, List<String> allowedOrigins, int perClient,
                                          int perAddress, int maxBodyBytes, MessageSource messages)
            throws Exception {
        AuthorizationManager<RequestAuthorizationContext> officerOfTheCity = (authentication, context) ->
                new AuthorizationDecision(caller(authentication.get()).actsFor(context.getVariables().get("cityId")));
        http.csrf(csrf -> csrf.disable()) // bearer tokens, no cookies: nothing for a cross-site form to ride on
                // browsers may call the API only from the configured origins (none by default)
                .cors(cors -> cors.configurationSource(
                        ApiSecurity.corsOrigins(allowedOrigins, List.of("GET", "POST", "PUT", "DELETE"))))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/actions", "/api/v1/actions/**").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/cities/{cityId}/pledge-estimate").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/cities/{cityId}/pledges").hasRole(Caller.RESIDENT)
                        .requestMatchers(HttpMethod.GET, "/api/v1/cities/{cityId}/pledges").access(officerOfTheCity)
                        // the owner, the city's officers or an admin: decided with the pledge in hand (PledgeIntake)
                        .requestMatchers(HttpMethod.GET, "/api/v1/pledges/{id}").authenticated()
                        .requestMatchers(HttpMethod.POST, "/api/v1/pledges/{id}/progress", "/api/v1/pledges/{id}/withdrawal")
                        .hasRole(Caller.RESIDENT)
                        .requestMatchers(HttpMethod.GET, "/api/v1/me/pledges", "/api/v1/me/personal-data")
                        .hasRole(Caller.RESIDENT)
                        .requestMatchers(HttpMethod.DELETE, "/api/v1/me/personal-data").hasRole(Caller.RESIDENT)
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                        // probes and load balancers: health and its groups (liveness, readiness) stay public
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        // every other actuator endpoint (prometheus, metrics, info, any exposed later): the
                        // monitoring identity (Prometheus, by OAuth2 client credentials) or an admin
                        .requestMatchers("/actuator", "/actuator/**").hasAnyRole(MONITORING, Caller.ADMIN)
                        .anyRequest().authenticated())
                .oauth2ResourceServer(server -> ApiSecurity.bearerTokens(server, true));
        // after the token is read, so that a client is known by its subject; before anything is stored
        http.addFilterAfter(new RateLimits(perClient, perAddress, messages), BearerTokenAuthenticationFilter.class);
        http.addFilterAfter(new BodySizeLimit(maxBodyBytes), RateLimits.class);
        return http.build();
    }

    static Caller caller(Authentication authentication) {
        if (authentication == null || !(authentication.getPrincipal() instanceof Jwt token)) {
            return new Caller("", Set.of(), Set.of());
        }
        return caller(token);
    }

    static Caller caller(Jwt token) {
        List<String> roles = stringList(token, "roles");
        List<String> cities = stringList(token, "cities");
        return new Caller(token.getSubject(), roles == null ? Set.of() : new HashSet<>(roles),
                cities == null ? Set.of() : new HashSet<>(cities));
    }

    /** A claim as a list of strings; one of another shape (an object, say) as none: it grants nothing. */
    private static List<String> stringList(Jwt token, String claim) {
        try {
            return token.getClaimAsStringList(claim);
        } catch (RuntimeException malformed) {
            return null;
        }
    }
}
