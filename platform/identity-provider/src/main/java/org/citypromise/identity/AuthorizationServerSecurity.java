package org.citypromise.identity;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

import java.time.Duration;
import java.util.List;

/**
 * Two filter chains, as Spring Authorization Server has it: the protocol endpoints (authorize, token, JWKS,
 * discovery, userinfo, logout), whose browser requests without a session go to the sign-in page; and the pages
 * (sign-in, sign-up) with the development shortcuts ({@code /token}, {@code /jwks.json}). The clients are the
 * deploy/keycloak realm's, as far as the local system uses them.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerSecurity {

    /** The web site (module web): authorization code with PKCE, a confidential client. */
    static final String WEB_CLIENT_ID = "citypromise-web";
    /** Prometheus: client credentials, its tokens carry the role monitoring. */
    static final String MONITORING_CLIENT_ID = "citypromise-monitoring";
    /** In the data dir: the monitoring client's secret, one line, read by Prometheus too (client_secret_file). */
    static final String MONITORING_CLIENT_SECRET_FILE = "monitoring-client-secret";
    /** Of a client credentials token: Prometheus asks again when it runs out. */
    static final Duration CLIENT_TOKEN_LIFETIME = Duration.ofHours(1);
    /** Short: the web site renews it with its refresh token, and a resident's roles may change. */
    static final Duration USER_TOKEN_LIFETIME = Duration.ofMinutes(15);
    static final Duration REFRESH_TOKEN_LIFETIME = Duration.ofHours(12);

    @Bean
    @Order(1)
    SecurityFilterChain protocolEndpoints(HttpSecurity http) throws Exception {
        OAuth2AuthorizationServerConfigurer authorizationServer = new OAuth2AuthorizationServerConfigurer();
        http.securityMatcher(authorizationServer.getEndpointsMatcher())
                .with(authorizationServer, server -> server.oidc(oidc -> oidc.providerConfigurationEndpoint(discovery ->
                        // the languages a client may ask for with ui_locales (see PageLanguage)
                        discovery.providerConfigurationCustomizer(configuration ->
                                configuration.claim("ui_locales_supported", PageLanguage.TAGS)))))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/signup", "/token", "/jwks.json", "/identity.css", "/actuator/health", "/error").permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").permitAll());
        return http.build();
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(IdentityProperties properties) {
        AuthorizationServerSettings.Builder settings = AuthorizationServerSettings.builder();
        if (properties.issuer() != null && !properties.issuer().isBlank()) {
            settings.issuer(properties.issuer());
        }
        return settings.build();
    }

    @Bean
    RSAKey signingKey(IdentityProperties properties) {
        return SigningKey.loadOrCreate(properties.dataDir());
    }

    @Bean
    JWKSource<SecurityContext> jwkSource(RSAKey signingKey) {
        return new ImmutableJWKSet<>(new JWKSet(signingKey));
    }

    /** Signs the authorization server's tokens and the development shortcut's alike. */
    @Bean
    JwtEncoder jwtEncoder(JWKSource<SecurityContext> jwkSource) {
        return new NimbusJwtEncoder(jwkSource);
    }

    @Bean
    RegisteredClientRepository registeredClients(IdentityProperties properties) {
        IdentityProperties.WebClient web = properties.webClient();
        RegisteredClient webSite = RegisteredClient.withId(WEB_CLIENT_ID).clientId(WEB_CLIENT_ID)
                .clientName("CityPromise web site")
                .clientSecret("{noop}" + web.secret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUris(uris -> uris.addAll(web.redirectUris()))
                .postLogoutRedirectUris(uris -> uris.addAll(web.postLogoutRedirectUris()))
                .scope(OidcScopes.OPENID).scope(OidcScopes.PROFILE)
                // our own site: nothing for the resident to consent to; PKCE although confidential (OAuth 2.1)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(USER_TOKEN_LIFETIME)
                        .refreshTokenTimeToLive(REFRESH_TOKEN_LIFETIME).reuseRefreshTokens(false).build())
                .build();
        String monitoringSecret = SecretFile.loadOrCreate(properties.dataDir().resolve(MONITORING_CLIENT_SECRET_FILE));
        RegisteredClient prometheus = RegisteredClient.withId(MONITORING_CLIENT_ID).clientId(MONITORING_CLIENT_ID)
                .clientName("Prometheus (scrapes the services' metrics)")
                .clientSecret("{noop}" + monitoringSecret)
                // Prometheus (Go's clientcredentials) tries HTTP Basic, then the form
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .clientSettings(ClientSettings.builder()
                        .setting(TokenClaims.SERVICE_ACCOUNT_ROLES, List.of(AccountRoles.MONITORING)).build())
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(CLIENT_TOKEN_LIFETIME).build())
                .build();
        return new InMemoryRegisteredClientRepository(webSite, prometheus);
    }
}
