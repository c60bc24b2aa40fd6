package org.citypromise.kit.web;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.resource.OAuth2ResourceServerConfigurer;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import java.util.List;

/**
 * What every service's security shares: bearer tokens (JWT) whose {@code roles} claim gives the caller's roles,
 * refusals answered as RFC 9457 problems naming the Authorization header, and CORS for the configured web apps.
 * Who may do what stays each service's own.
 */
public final class ApiSecurity {

    private ApiSecurity() {
    }

    /**
     * The resource server's token handling: the {@code roles} claim as Spring roles ({@code ROLE_resident}, ...);
     * a malformed one (an object, say) is a 401, not a 500. With {@code subjectRequired} a token without a subject
     * is refused too (a service that keeps what callers own must know who they are).
     */
    public static void bearerTokens(OAuth2ResourceServerConfigurer<HttpSecurity> server, boolean subjectRequired) {
        server.jwt(jwt -> jwt.jwtAuthenticationConverter(roles(subjectRequired)))
                .authenticationEntryPoint((request, response, e) -> {
                    new BearerTokenAuthenticationEntryPoint().commence(request, response, e);
                    FilterProblems.writeOwn(request, response, 401, "unauthorized", "Authorization",
                            "kit.reason.token-required");
                })
                .accessDeniedHandler((request, response, e) -> {
                    new BearerTokenAccessDeniedHandler().handle(request, response, e);
                    FilterProblems.writeOwn(request, response, 403, "forbidden", "Authorization",
                            "kit.reason.not-allowed");
                });
    }

    private static JwtAuthenticationConverter roles(boolean subjectRequired) {
        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName("roles");
        authorities.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> {
            if (subjectRequired && (jwt.getSubject() == null || jwt.getSubject().isBlank())) {
                throw new InvalidBearerTokenException("the token has no subject");
            }
            try {
                return authorities.convert(jwt);
            } catch (RuntimeException malformed) {
                throw new InvalidBearerTokenException("the token's roles claim is not a list of role names", malformed);
            }
        });
        return converter;
    }

    /**
     * Browsers may call {@code /api/**} only from the web apps' origins, e.g. https://app.citypromise.example
     * (CITYPROMISE_CORS_ALLOWED_ORIGINS, comma-separated; none by default), with the given methods.
     */
    public static CorsConfigurationSource corsOrigins(List<String> allowedOrigins, List<String> methods) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(allowedOrigins.stream().filter(origin -> !origin.isBlank()).toList());
        cors.setAllowedMethods(methods);
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key", "If-Match", "traceparent"));
        cors.setExposedHeaders(List.of("ETag", "Location", "Retry-After", "Idempotent-Replayed"));
        cors.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", cors);
        return source;
    }
}
