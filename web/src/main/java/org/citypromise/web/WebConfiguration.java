package org.citypromise.web;

import io.micrometer.core.instrument.MeterRegistry;
import org.citypromise.web.api.AggregationApi;
import org.citypromise.web.api.InventoryApi;
import org.citypromise.web.api.PledgeApi;
import org.citypromise.web.api.SignedInCalls;
import org.citypromise.web.application.CityUpdates;
import org.citypromise.web.messaging.CityContributionsSubscription;
import org.citypromise.web.web.LiveCityPages;
import org.citypromise.web.web.MonitoringAccess;
import org.citypromise.web.web.SiteLocales;
import org.citypromise.web.web.SiteSecurity;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.client.RestClient;
import org.springframework.web.servlet.LocaleResolver;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Map;

/** Wires the site: the services' clients, sign-in, the live updates. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    LocaleResolver localeResolver() {
        return new SiteLocales();
    }

    /**
     * The identity provider's client registration, its endpoints spelled out from the issuer rather than
     * discovered at start (the site starts while the provider is down); the end-session endpoint is what
     * signing out sends the browser to.
     */
    @Bean
    ClientRegistrationRepository clientRegistrations(WebProperties properties) {
        WebProperties.Identity identity = properties.identity();
        ClientRegistration registration = ClientRegistration.withRegistrationId(identity.registrationId())
                .clientName("CityPromise")
                .clientId(identity.clientId())
                .clientSecret(identity.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope("openid", "profile")
                .issuerUri(identity.issuer().toString())
                .authorizationUri(identity.endpoint(identity.authorizationPath()))
                .tokenUri(identity.endpoint(identity.tokenPath()))
                .jwkSetUri(identity.endpoint(identity.jwkSetPath()))
                .userInfoUri(identity.endpoint(identity.userInfoPath()))
                .userNameAttributeName(IdTokenClaimNames.SUB)
                .providerConfigurationMetadata(Map.of("end_session_endpoint",
                        identity.endpoint(identity.endSessionPath())))
                .build();
        return new InMemoryClientRegistrationRepository(registration);
    }

    /**
     * The signed-in resident's tokens live in their HTTP session (not in a map of this instance keyed by user):
     * they end with the session, at sign-out or expiry.
     */
    @Bean
    OAuth2AuthorizedClientRepository authorizedClientRepository() {
        return new HttpSessionOAuth2AuthorizedClientRepository();
    }

    /** Hands out the signed-in resident's access token from the session, refreshing it when it expired. */
    @Bean
    OAuth2AuthorizedClientManager authorizedClients(ClientRegistrationRepository registrations,
                                                    OAuth2AuthorizedClientRepository authorized) {
        DefaultOAuth2AuthorizedClientManager manager = new DefaultOAuth2AuthorizedClientManager(registrations, authorized);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .authorizationCode().refreshToken().build());
        return manager;
    }

    /** The actuator first: its own stateless chain (health public, metrics for Prometheus). */
    @Bean
    @org.springframework.core.annotation.Order(1)
    SecurityFilterChain monitoringAccess(HttpSecurity http, WebProperties properties) throws Exception {
        WebProperties.Identity identity = properties.identity();
        org.springframework.security.oauth2.jwt.NimbusJwtDecoder tokens = org.springframework.security.oauth2.jwt.NimbusJwtDecoder
                .withJwkSetUri(identity.endpoint(identity.jwkSetPath())).build();
        tokens.setJwtValidator(org.springframework.security.oauth2.jwt.JwtValidators.createDefaultWithIssuer(
                identity.issuer().toString()));
        return MonitoringAccess.filterChain(http, tokens);
    }

    @Bean
    @org.springframework.core.annotation.Order(2)
    SecurityFilterChain siteSecurity(HttpSecurity http, ClientRegistrationRepository registrations,
                                     WebProperties properties) throws Exception {
        return SiteSecurity.filterChain(http, registrations, properties.identity().registrationId(),
                properties.identity().issuer());
    }

    /** Every service call: bounded in time, in the visitor's language, with their token when signed in. */
    @Bean
    RestClientCustomizer serviceCalls(WebProperties properties, OAuth2AuthorizedClientManager authorizedClients) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(properties.calls().connectTimeout()).build());
        requests.setReadTimeout(properties.calls().readTimeout());
        SignedInCalls signedIn = new SignedInCalls(authorizedClients, properties.identity().registrationId());
        return builder -> builder.requestFactory(requests).requestInterceptor(signedIn);
    }

    @Bean
    AggregationApi aggregationApi(RestClient.Builder builder, WebProperties properties) {
        return new AggregationApi(client(builder, properties.aggregationUrl()));
    }

    @Bean
    InventoryApi inventoryApi(RestClient.Builder builder, WebProperties properties) {
        return new InventoryApi(client(builder, properties.inventoryUrl()));
    }

    @Bean
    PledgeApi pledgeApi(RestClient.Builder builder, WebProperties properties) {
        return new PledgeApi(client(builder, properties.pledgeUrl()));
    }

    private static RestClient client(RestClient.Builder builder, URI baseUrl) {
        return builder.clone().baseUrl(baseUrl.toString()).build();
    }

    @Bean
    CityUpdates cityUpdates(LiveCityPages pages) {
        CityUpdates updates = new CityUpdates();
        updates.listen(pages::publish);
        return updates;
    }

    @Bean
    CityContributionsSubscription cityContributionsSubscription(CityUpdates updates, JsonMapper json) {
        return new CityContributionsSubscription(updates, json);
    }

    @Bean
    TaskScheduler liveHeartbeats() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("live-heartbeat-");
        scheduler.setPoolSize(1);
        scheduler.initialize();
        return scheduler;
    }

    @Bean
    LiveCityPages liveCityPages(WebProperties properties, TaskScheduler liveHeartbeats, MeterRegistry meters) {
        WebProperties.Live live = properties.live();
        return new LiveCityPages(live.streamTimeout(), live.maxStreams(), live.maxStreamsPerCity(), live.heartbeat(),
                liveHeartbeats, meters);
    }
}
