package org.citypromise.web.web;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

import java.util.Set;
import java.util.function.Supplier;

/**
 * The site's actuator, apart from its pages: health for anyone (the orchestrator's probes), metrics for a
 * Prometheus on the same machine (the local stack's) or one that presents a bearer token with the
 * {@code monitoring} or {@code admin} role, as the services take it (a cluster's Prometheus, OAuth2 client
 * credentials). Stateless: no session, no cookie, no CSRF for a scraper.
 */
public final class MonitoringAccess {

    private static final Set<String> ROLES = Set.of("ROLE_monitoring", "ROLE_admin");

    private MonitoringAccess() {
    }

    public static SecurityFilterChain filterChain(HttpSecurity http, JwtDecoder tokens) throws Exception {
        return http.securityMatcher("/actuator/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .anyRequest().access(fromThisMachineOrMonitoring()))
                .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.decoder(tokens).jwtAuthenticationConverter(roles())))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }

    private static JwtAuthenticationConverter roles() {
        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName("roles");
        authorities.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        return converter;
    }

    private static AuthorizationManager<RequestAuthorizationContext> fromThisMachineOrMonitoring() {
        IpAddressMatcher ipv4 = new IpAddressMatcher("127.0.0.1");
        IpAddressMatcher ipv6 = new IpAddressMatcher("::1");
        return (Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) -> {
            if (ipv4.matches(context.getRequest()) || ipv6.matches(context.getRequest())) {
                return new AuthorizationDecision(true);
            }
            Authentication caller = authentication.get();
            return new AuthorizationDecision(caller != null && caller.isAuthenticated()
                    && caller.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(ROLES::contains));
        };
    }
}
