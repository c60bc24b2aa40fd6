package org.citypromise.web.api;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.io.IOException;

/**
 * Every call to a service speaks for the visitor: in their language ({@code Accept-Language}, so that
 * catalogs and problems come translated) and, when they are signed in, with their access token as a Bearer
 * token, taken (and refreshed when it expired) from the server-side session by the authorized-client manager.
 * A visitor who is not signed in calls without a token: the public reads need none.
 */
public class SignedInCalls implements ClientHttpRequestInterceptor {

    private final OAuth2AuthorizedClientManager clients;
    private final String registrationId;

    public SignedInCalls(OAuth2AuthorizedClientManager clients, String registrationId) {
        this.clients = clients;
        this.registrationId = registrationId;
    }

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws IOException {
        HttpHeaders headers = request.getHeaders();
        if (!headers.containsHeader(HttpHeaders.ACCEPT_LANGUAGE)) {
            headers.set(HttpHeaders.ACCEPT_LANGUAGE, LocaleContextHolder.getLocale().toLanguageTag());
        }
        if (!headers.containsHeader(HttpHeaders.AUTHORIZATION)) {
            String token = accessToken();
            if (token != null) {
                headers.setBearerAuth(token);
            }
        }
        return execution.execute(request, body);
    }

    private String accessToken() {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        if (!(user instanceof OAuth2AuthenticationToken signedIn)
                || !(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes current)) {
            return null;
        }
        OAuth2AuthorizeRequest authorize = OAuth2AuthorizeRequest.withClientRegistrationId(registrationId)
                .principal(signedIn)
                .attribute(jakarta.servlet.http.HttpServletRequest.class.getName(), current.getRequest())
                .attribute(jakarta.servlet.http.HttpServletResponse.class.getName(), current.getResponse())
                .build();
        try {
            OAuth2AuthorizedClient client = clients.authorize(authorize);
            return client == null ? null : client.getAccessToken().getTokenValue();
        } catch (ClientAuthorizationException expired) {
            // the refresh token is gone or refused: the call goes out unsigned and the service answers 401,
            // which the page turns into "sign in again"
            return null;
        }
    }
}
