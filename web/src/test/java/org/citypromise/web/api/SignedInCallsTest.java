package org.citypromise.web.api;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.client.MockClientHttpRequest;
import org.springframework.mock.http.client.MockClientHttpResponse;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** A service call speaks for the visitor: their language, and their access token when they are signed in. */
class SignedInCallsTest {

    private final AtomicReference<String> askedFor = new AtomicReference<>();
    private final OAuth2AuthorizedClientManager clients = request -> {
        askedFor.set(request.getClientRegistrationId() + " for " + request.getPrincipal().getName());
        return new OAuth2AuthorizedClient(registration(), request.getPrincipal().getName(),
                new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "alices-token", Instant.now(),
                        Instant.now().plusSeconds(300)));
    };
    private final SignedInCalls calls = new SignedInCalls(clients, "citypromise");

    @AfterEach
    void forget() {
        SecurityContextHolder.clearContext();
        RequestContextHolder.resetRequestAttributes();
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void aSignedInResidentsCallCarriesTheirTokenAndLanguage() throws Exception {
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest(),
                new MockHttpServletResponse()));
        LocaleContextHolder.setLocale(Locale.forLanguageTag("fil"));
        SecurityContextHolder.getContext().setAuthentication(new OAuth2AuthenticationToken(
                new DefaultOAuth2User(AuthorityUtils.createAuthorityList("OIDC_USER"), Map.of("sub", "alice"), "sub"),
                AuthorityUtils.createAuthorityList("OIDC_USER"), "citypromise"));

        HttpHeaders sent = send();

        assertThat(sent.getFirst(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer alices-token");
        assertThat(sent.getFirst(HttpHeaders.ACCEPT_LANGUAGE)).isEqualTo("fil");
        assertThat(askedFor.get()).isEqualTo("citypromise for alice");
    }

    @Test
    void aVisitorsCallCarriesTheirLanguageOnly() throws Exception {
        LocaleContextHolder.setLocale(Locale.KOREAN);
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("anonymous", null));

        HttpHeaders sent = send();

        assertThat(sent.containsHeader(HttpHeaders.AUTHORIZATION)).isFalse();
        assertThat(sent.getFirst(HttpHeaders.ACCEPT_LANGUAGE)).isEqualTo("ko");
        assertThat(askedFor.get()).isNull();
    }

    private HttpHeaders send() throws Exception {
        MockClientHttpRequest request = new MockClientHttpRequest(HttpMethod.GET, URI.create("http://127.0.0.1:8081/api/v1/me/pledges"));
        AtomicReference<HttpHeaders> sent = new AtomicReference<>();
        calls.intercept(request, new byte[0], (req, body) -> {
            sent.set(req.getHeaders());
            return new MockClientHttpResponse(new byte[0], 200);
        });
        return sent.get();
    }

    private static ClientRegistration registration() {
        return ClientRegistration.withRegistrationId("citypromise").clientId("citypromise-web")
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .authorizationUri("http://127.0.0.1:9000/oauth2/authorize").tokenUri("http://127.0.0.1:9000/oauth2/token")
                .build();
    }
}
