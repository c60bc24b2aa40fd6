package org.citypromise.pledge.web;

import jakarta.servlet.DispatcherType;
import org.citypromise.pledge.Caller;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Who may do what, from the identity provider's bearer token (JWT: {@code sub}, {@code roles},
 * {@code cities}): residents pledge and change their own pledges; a city's officers list its pledges;
 * the catalog of actions, the API docs and health are public; the other actuator endpoints (metrics) are for
 * the monitoring role or admins. Refusals are problems like every other
 * error: 401 without a valid token, 403 when the token does not allow it.
 */
@Configuration(proxyBeanMethods = false)
class Security {

    /** Reads the actuator endpoints other than health (metrics): the Prometheus scraper's role. */
    static final String MONITORING = "monitoring";

    @Bean
    SecurityFilterChain api(HttpSecurity http,
                            @Value("${citypromise.cors.allowed-origins:}") List<String> allowedOrigins,
                            @Value("${citypromise.rate-limits.pledge-writes-per-client-per-minute:60}") int perClient,
                            @Value("${citypromise.rate-limits.pledge-writes-per-address-per-minute:600}") int perAddress,
                            @Value("${citypromise.max-request-body-bytes:16384}") int maxBodyBytes)
            throws Exception {
        AuthorizationManager<RequestAuthorizationContext> officerOfTheCity = (authentication, context) ->
                new AuthorizationDecision(caller(authentication.get()).actsFor(context.getVariables().get("cityId")));
        http.csrf(csrf -> csrf.disable()) // bearer tokens, no cookies: nothing for a cross-site form to ride on
                // browsers may call the API only from the configured origins (none by default)
                .cors(cors -> cors.configurationSource(corsOrigins(allowedOrigins)))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/actions", "/api/v1/actions/**").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/cities/{cityId}/pledges").hasRole(Caller.RESIDENT)
                        .requestMatchers(HttpMethod.GET, "/api/v1/cities/{cityId}/pledges").access(officerOfTheCity)
                        // the owner or the city's officers: decided with the pledge in hand (PledgeIntake)
                        .requestMatchers(HttpMethod.GET, "/api/v1/pledges/{id}").authenticated()
                        .requestMatchers(HttpMethod.POST, "/api/v1/pledges/{id}/progress", "/api/v1/pledges/{id}/withdrawal")
                        .hasRole(Caller.RESIDENT)
                        .requestMatchers(HttpMethod.DELETE, "/api/v1/me/personal-data").hasRole(Caller.RESIDENT)
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                        // probes and load balancers: health and its groups (liveness, readiness) stay public
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        // every other actuator endpoint (prometheus, metrics, info, any exposed later): the
                        // monitoring identity (Prometheus, by OAuth2 client credentials) or an admin
                        .requestMatchers("/actuator", "/actuator/**").hasAnyRole(MONITORING, Caller.ADMIN)
                        .anyRequest().authenticated())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(roles()))
                        .authenticationEntryPoint((request, response, e) -> {
                            new BearerTokenAuthenticationEntryPoint().commence(request, response, e);
                            FilterProblems.write(response, 401, "unauthorized", "Unauthorized", "Authorization",
                                    "a valid bearer token (Authorization: Bearer <JWT>) is required");
                        })
                        .accessDeniedHandler((request, response, e) -> {
                            new BearerTokenAccessDeniedHandler().handle(request, response, e);
                            FilterProblems.write(response, 403, "forbidden", "Forbidden", "Authorization",
                                    "the token's roles or cities do not allow this");
                        }));
        // after the token is read, so that a client is known by its subject; before anything is stored
        http.addFilterAfter(new RateLimits(perClient, perAddress), BearerTokenAuthenticationFilter.class);
        http.addFilterAfter(new BodySizeLimit(maxBodyBytes), RateLimits.class);
        return http.build();
    }

    /** The token's {@code roles} as Spring roles ({@code ROLE_resident}, ...). */
    private static JwtAuthenticationConverter roles() {
        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName("roles");
        authorities.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> {
            if (jwt.getSubject() == null || jwt.getSubject().isBlank()) { // no one: it could own nothing, nor change it
                throw new InvalidBearerTokenException("the token has no subject");
            }
            try {
                return authorities.convert(jwt);
            } catch (RuntimeException malformed) { // roles as an object, say: a 401, not a 500
                throw new InvalidBearerTokenException("the token's roles claim is not a list of role names", malformed);
            }
        });
        return converter;
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

    /** The web apps' origins, e.g. https://app.citypromise.example (CITYPROMISE_CORS_ALLOWED_ORIGINS, comma-separated). */
    private static CorsConfigurationSource corsOrigins(List<String> allowedOrigins) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(allowedOrigins.stream().filter(origin -> !origin.isBlank()).toList());
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key", "If-Match", "traceparent"));
        cors.setExposedHeaders(List.of("ETag", "Location", "Retry-After", "Idempotent-Replayed"));
        cors.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", cors);
        return source;
    }
}
