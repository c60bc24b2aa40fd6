package org.citypromise.aggregation.web;

import jakarta.servlet.DispatcherType;
import org.citypromise.kit.web.ApiSecurity;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

import java.util.List;

/**
 * Who may do what, from the identity provider's bearer token (JWT: {@code sub}, {@code roles},
 * {@code cities}): the views are public reads; dead letters and rebuilds (/api/v1/admin) are for admins. The API
 * docs and health are public; the other actuator endpoints (metrics) are for the monitoring role or admins.
 * Refusals are problems like every other error: 401 without a valid token, 403 when it does not allow it.
 */
@Configuration(proxyBeanMethods = false)
class Security {

    static final String ADMIN = "admin";
    /** Reads the actuator endpoints other than health (metrics): the Prometheus scraper's role. */
    static final String MONITORING = "monitoring";

    @Bean
    SecurityFilterChain api(HttpSecurity http,
                            @Value("${citypromise.cors.allowed-origins}") List<String> allowedOrigins) throws Exception {
        http.csrf(csrf -> csrf.disable()) // bearer tokens, no cookies: nothing for a cross-site form to ride on
                // browsers may call the API only from the configured origins (none by default)
                .cors(cors -> cors.configurationSource(
                        ApiSecurity.corsOrigins(allowedOrigins, List.of("GET", "POST", "PUT"))))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/api/v1/admin/**").hasRole(ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/v1/**").permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                        // probes and load balancers: health and its groups (liveness, readiness) stay public
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        // every other actuator endpoint (prometheus, metrics, info, any exposed later): the
                        // monitoring identity (Prometheus, by OAuth2 client credentials) or an admin
                        .requestMatchers("/actuator", "/actuator/**").hasAnyRole(MONITORING, ADMIN)
                        .anyRequest().authenticated())
                .oauth2ResourceServer(server -> ApiSecurity.bearerTokens(server, false));
        return http.build();
    }
}
