package org.citypromise.inventory.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Who may do what, from the identity provider's bearer token (JWT: {@code sub}, {@code roles},
 * {@code cities}): city officers publish the inventories, targets and emission factors of the cities in their token
 * (and register them, as may an admin); every read is public, as are the API docs and health; the other
 * actuator endpoints (metrics) are for the monitoring role or admins.
 * Refusals are problems like every other error: 401 without a valid token, 403 when it does not allow it.
 */
@Configuration(proxyBeanMethods = false)
class Security {

    static final String CITY_OFFICER = "city-officer";
    static final String ADMIN = "admin";
    /** Reads the actuator endpoints other than health (metrics): the Prometheus scraper's role. */
    static final String MONITORING = "monitoring";

    @Bean
    SecurityFilterChain api(HttpSecurity http,
                            @Value("${citypromise.cors.allowed-origins:}") List<String> allowedOrigins,
                            @Value("${citypromise.max-request-body-bytes:262144}") long maxBodyBytes) throws Exception {
        AuthorizationManager<RequestAuthorizationContext> officerOfTheCity = (authentication, context) ->
                new AuthorizationDecision(actsFor(authentication.get(), context.getVariables().get("cityId")));
        AuthorizationManager<RequestAuthorizationContext> officerOfTheCityOrAdmin = (authentication, context) ->
                new AuthorizationDecision(actsFor(authentication.get(), context.getVariables().get("cityId"))
                        || hasRole(authentication.get(), ADMIN));
        http.csrf(csrf -> csrf.disable()) // bearer tokens, no cookies: nothing for a cross-site form to ride on
                // browsers may call the API only from the configured origins (none by default)
                .cors(cors -> cors.configurationSource(corsOrigins(allowedOrigins)))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/**").permitAll()
                        // registering a city: its officers or an admin; what it publishes: its officers only
                        .requestMatchers(HttpMethod.PUT, "/api/v1/cities/{cityId}").access(officerOfTheCityOrAdmin)
                        .requestMatchers(HttpMethod.PUT, "/api/v1/cities/{cityId}/**").access(officerOfTheCity)
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                        // probes and load balancers: health and its groups (liveness, readiness) stay public
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        // every other actuator endpoint (prometheus, metrics, info, any exposed later): the
                        // monitoring identity (Prometheus, by OAuth2 client credentials) or an admin
                        .requestMatchers("/actuator", "/actuator/**").hasAnyRole(MONITORING, ADMIN)
                        .anyRequest().authenticated())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(roles()))
                        .authenticationEntryPoint((request, response, e) -> {
                            new BearerTokenAuthenticationEntryPoint().commence(request, response, e);
                            problem(response, HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                                    "a valid bearer token (Authorization: Bearer <JWT>) is required");
                        })
                        .accessDeniedHandler((request, response, e) -> {
                            new BearerTokenAccessDeniedHandler().handle(request, response, e);
                            problem(response, HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                                    "the token's roles or cities do not allow this");
                        }));
        // refused before the body is read or anything is stored (BodySizeLimit); after the token is read
        http.addFilterAfter(new BodySizeLimit(maxBodyBytes), BearerTokenAuthenticationFilter.class);
        return http.build();
    }

    /** The token's {@code roles} as Spring roles ({@code ROLE_city-officer}, ...). */
    private static JwtAuthenticationConverter roles() {
        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName("roles");
        authorities.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> {
            try {
                return authorities.convert(jwt);
            } catch (RuntimeException malformed) { // roles as an object, say: a 401, not a 500
                throw new InvalidBearerTokenException("the token's roles claim is not a list of role names", malformed);
            }
        });
        return converter;
    }

    /** An officer whose token names this city. */
    static boolean actsFor(Authentication authentication, String cityId) {
        if (authentication == null || !(authentication.getPrincipal() instanceof Jwt token)
                || !hasRole(authentication, CITY_OFFICER)) {
            return false;
        }
        List<String> cities;
        try {
            cities = token.getClaimAsStringList("cities");
        } catch (RuntimeException malformed) { // cities as an object, say: no city
            return false;
        }
        return cities != null && cities.contains(cityId);
    }

    private static boolean hasRole(Authentication authentication, String role) {
        return authentication != null && authentication.getAuthorities().stream()
                .anyMatch(authority -> authority.getAuthority().equals("ROLE_" + role));
    }

    /** The web apps' origins, e.g. https://app.citypromise.example (CITYPROMISE_CORS_ALLOWED_ORIGINS, comma-separated). */
    private static CorsConfigurationSource corsOrigins(List<String> allowedOrigins) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(allowedOrigins.stream().filter(origin -> !origin.isBlank()).toList());
        cors.setAllowedMethods(List.of("GET", "POST", "PUT"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key", "If-Match", "traceparent"));
        cors.setExposedHeaders(List.of("ETag", "Location", "Retry-After", "Idempotent-Replayed"));
        cors.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", cors);
        return source;
    }

    /** RFC 9457, as the API's other errors; the field is the Authorization header. */
    private static void problem(HttpServletResponse response, HttpStatus status, String type, String title,
                                String reason) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(status.value());
        response.setContentType("application/problem+json");
        // bytes, not the writer: the writer would add a charset parameter to the media type
        response.getOutputStream().write(("{\"type\":\"urn:citypromise:problem:" + type + "\",\"title\":\"" + title
                + "\",\"status\":" + status.value() + ",\"detail\":\"Authorization " + reason
                + "\",\"errors\":[{\"field\":\"Authorization\",\"reason\":\"" + reason + "\"}]}")
                .getBytes(StandardCharsets.UTF_8));
    }
}
