package org.citypromise.identity;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The local stack's identity provider: an OAuth2/OIDC authorization server (Spring Authorization Server) with
 * sign-in, sign-up, authorization code with PKCE for the web site and client credentials for Prometheus. Its
 * access tokens carry what the services read ({@code sub}, {@code roles}, {@code cities}), as Keycloak's do in
 * production (deploy/keycloak).
 */
@SpringBootApplication
@EnableConfigurationProperties(IdentityProperties.class)
public class IdentityProviderApplication {

    /** The pages' language (Spring MVC looks its locale resolver up by this bean name). */
    @Bean
    LocaleResolver localeResolver() {
        return new PageLanguage();
    }

    public static void main(String[] args) {
        SpringApplication.run(IdentityProviderApplication.class, args);
    }
}
