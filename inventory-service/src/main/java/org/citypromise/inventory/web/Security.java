package org.citypromise.inventory.web;

import jakarta.servlet.DispatcherType;
import org.citypromise.kit.web.ApiSecurity;
import org.citypromise.kit.web.BodySizeLimit;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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
    SecurityFilterChain api(HttpSecurity http, ApiAccess access) throws Exception {
        AuthorizationManager<RequestAuthorizationContext> officerOfTheCity = (authentication, context) ->
                new AuthorizationDecision(actsFor(authentication.get(), context.getVariables().get("cityId")));
        AuthorizationManager<RequestAuthorizationContext> officerOfTheCityOrAdmin = (authentication, context) ->
                new AuthorizationDecision(actsFor(authentication.get(), context.getVariables().get("cityId"))
                        || hasRole(authentication.get(), ADMIN));
        http.csrf(csrf -> csrf.disable()) // bearer tokens, no cookies: nothing for a cross-site form to ride on
                // browsers may call the API only from the configured origins (none by default)
                .cors(cors -> cors.configurationSource(
                        ApiSecurity.corsOrigins(access.allowedOrigins(), List.of("GET", "POST", "PUT"))))
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
                .oauth2ResourceServer(server -> ApiSecurity.bearerTokens(server, false));
        // refused before the body is read or anything is stored (BodySizeLimit); after the token is read
        http.addFilterAfter(new BodySizeLimit(access.maxRequestBodyBytes()), BearerTokenAuthenticationFilter.class);
        return http.build();
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
}
