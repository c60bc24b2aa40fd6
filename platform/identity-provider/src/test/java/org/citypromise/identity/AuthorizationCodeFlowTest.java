package org.citypromise.identity;

import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web site's sign-in, driven as a browser and the site's back end do it: the authorization request with a
 * PKCE challenge, the sign-in form, the code at the redirect URI, its exchange with the verifier. The access token
 * carries what the services read; without the verifier the code is worth nothing.
 */
class AuthorizationCodeFlowTest extends IdentityProviderTest {

    /** A PKCE verifier (RFC 7636) and its S256 challenge. */
    record Pkce(String verifier, String challenge) {
        static Pkce fresh() {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
                return new Pkce(verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static String authorizationRequest(String challenge, String state) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", AuthorizationServerSecurity.WEB_CLIENT_ID);
        query.put("scope", "openid profile");
        query.put("redirect_uri", REDIRECT_URI);
        query.put("state", state);
        if (challenge != null) {
            query.put("code_challenge", challenge);
            query.put("code_challenge_method", "S256");
        }
        return "/oauth2/authorize?" + Browser.formEncoded(query);
    }

    /** The browser's part: authorization request, sign-in form, back to the request; the code the site receives. */
    static String signInForCode(Browser browser, String username, String password, Pkce pkce) {
        HttpResponse<String> toSignIn = browser.get(authorizationRequest(pkce.challenge(), "s-1"));
        assertThat(toSignIn.statusCode()).isEqualTo(302);
        assertThat(Browser.location(toSignIn).getPath()).isEqualTo("/login");

        HttpResponse<String> form = browser.get(Browser.location(toSignIn).toString());
        assertThat(form.statusCode()).isEqualTo(200);
        HttpResponse<String> signedIn = browser.submit(form, "/login", Map.of("username", username, "password", password));
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
        return codeAfter(browser, signedIn);
    }

    /** From a redirect back to the authorization request to the code at the redirect URI. */
    static String codeAfter(Browser browser, HttpResponse<String> redirectToRequest) {
        URI request = Browser.location(redirectToRequest);
        assertThat(request.getPath()).isEqualTo("/oauth2/authorize");
        HttpResponse<String> toSite = browser.get(request.toString());
        assertThat(toSite.statusCode()).as(toSite.body()).isEqualTo(302);
        URI atSite = Browser.location(toSite);
        assertThat(atSite.toString()).startsWith(REDIRECT_URI + "?");
        Map<String, String> parameters = query(atSite);
        assertThat(parameters).containsEntry("state", "s-1");
        assertThat(parameters).containsKey("code");
        return parameters.get("code");
    }

    static HttpResponse<String> exchange(String code, String verifier) {
        Map<String, String> form = new LinkedHashMap<>(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT_URI));
        if (verifier != null) {
            form.put("code_verifier", verifier);
        }
        return tokenRequest(AuthorizationServerSecurity.WEB_CLIENT_ID, WEB_SECRET, form);
    }

    @Test
    void aResidentSignsInOnTheWebSiteWithPkceAndTheTokenCarriesWhatTheServicesRead() {
        Pkce pkce = Pkce.fresh();
        String code = signInForCode(new Browser(URI.create(ISSUER)), "alice", DEMO_PASSWORD, pkce);

        HttpResponse<String> tokens = exchange(code, pkce.verifier());

        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        JsonNode body = json(tokens);
        JWTClaimsSet access = verifiedClaims(body.path("access_token").asString());
        assertThat(access.getSubject()).isEqualTo("alice");
        assertThat(access.getClaim("roles")).isEqualTo(List.of("resident"));
        assertThat(access.getClaim("cities")).isNull();
        assertThat(access.getIssuer()).isEqualTo(ISSUER);
        assertThat(access.getAudience()).contains(TokenClaims.API_AUDIENCE);
        JWTClaimsSet id = verifiedClaims(body.path("id_token").asString());
        assertThat(id.getSubject()).isEqualTo("alice");
        assertThat(id.getClaim("name")).isEqualTo("Alice");
        assertThat(body.path("refresh_token").asString()).isNotBlank();
    }

    @Test
    void theSiteReadsTheResidentsProfileAndSignsThemOutBackToItself() {
        Pkce pkce = Pkce.fresh();
        Browser browser = new Browser(URI.create(ISSUER));
        JsonNode tokens = json(exchange(signInForCode(browser, "maria", DEMO_PASSWORD, pkce), pkce.verifier()));

        HttpResponse<String> userInfo = send(HttpRequest.newBuilder(URI.create(ISSUER + "/userinfo"))
                .header("Authorization", "Bearer " + tokens.path("access_token").asString()).GET().build());
        assertThat(userInfo.statusCode()).as(userInfo.body()).isEqualTo(200);
        assertThat(json(userInfo).path("sub").asString()).isEqualTo("maria");
        assertThat(json(userInfo).path("name").asString()).isEqualTo("Maria Santos");

        HttpResponse<String> signedOut = browser.get("/connect/logout?" + Browser.formEncoded(Map.of(
                "id_token_hint", tokens.path("id_token").asString(), "post_logout_redirect_uri", "http://127.0.0.1:8080/")));
        assertThat(signedOut.statusCode()).as(signedOut.body()).isEqualTo(302);
        assertThat(Browser.location(signedOut).toString()).isEqualTo("http://127.0.0.1:8080/");
        HttpResponse<String> again = browser.get(authorizationRequest(Pkce.fresh().challenge(), "s-3"));
        assertThat(Browser.location(again).getPath()).as("signed out: asked to sign in again").isEqualTo("/login");
    }

    @Test
    void anOfficersTokenNamesTheirCity() {
        Pkce pkce = Pkce.fresh();
        String code = signInForCode(new Browser(URI.create(ISSUER)), "officer-pasig-city", DEMO_PASSWORD, pkce);

        JWTClaimsSet access = verifiedClaims(json(exchange(code, pkce.verifier())).path("access_token").asString());

        assertThat(access.getClaim("roles")).isEqualTo(List.of("city-officer"));
        assertThat(access.getClaim("cities")).isEqualTo(List.of("pasig-city"));
    }

    @Test
    void aCodeWithoutItsVerifierIsRefusedAndSoIsARequestWithoutChallenge() {
        Pkce pkce = Pkce.fresh();
        String code = signInForCode(new Browser(URI.create(ISSUER)), "minji", DEMO_PASSWORD, pkce);

        HttpResponse<String> withoutVerifier = exchange(code, null);
        assertThat(withoutVerifier.statusCode()).isEqualTo(400);
        assertThat(json(withoutVerifier).path("error").asString()).isEqualTo("invalid_grant");
        HttpResponse<String> wrongVerifier = exchange(code, Pkce.fresh().verifier());
        assertThat(wrongVerifier.statusCode()).isEqualTo(400);

        Browser browser = new Browser(URI.create(ISSUER));
        HttpResponse<String> signedIn = browser.submit(browser.get("/login"), "/login",
                Map.of("username", "minji", "password", DEMO_PASSWORD));
        assertThat(signedIn.statusCode()).isEqualTo(302);
        HttpResponse<String> noChallenge = browser.get(authorizationRequest(null, "s-2"));
        assertThat(noChallenge.statusCode()).isEqualTo(302);
        assertThat(query(Browser.location(noChallenge))).containsEntry("error", "invalid_request").doesNotContainKey("code");
    }

    @Test
    void theSiteRenewsTheTokenWithTheRefreshToken() {
        Pkce pkce = Pkce.fresh();
        String code = signInForCode(new Browser(URI.create(ISSUER)), "siti", DEMO_PASSWORD, pkce);
        String refreshToken = json(exchange(code, pkce.verifier())).path("refresh_token").asString();

        HttpResponse<String> renewed = tokenRequest(AuthorizationServerSecurity.WEB_CLIENT_ID, WEB_SECRET,
                Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));

        assertThat(renewed.statusCode()).as(renewed.body()).isEqualTo(200);
        JWTClaimsSet access = verifiedClaims(json(renewed).path("access_token").asString());
        assertThat(access.getSubject()).isEqualTo("siti");
        assertThat(access.getClaim("roles")).isEqualTo(List.of("resident"));
    }

    @Test
    void aWrongPasswordStaysOnTheSignInPageSayingSo() {
        Browser browser = new Browser(URI.create(ISSUER));
        HttpResponse<String> refused = browser.submit(browser.get("/login"), "/login",
                Map.of("username", "alice", "password", "not-the-password"));

        assertThat(refused.statusCode()).isEqualTo(302);
        HttpResponse<String> page = browser.get(Browser.location(refused).toString());
        assertThat(page.body()).contains("The username or password is wrong").contains("aria-invalid=\"true\"");
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] nameValue = pair.split("=", 2);
            parameters.put(URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8),
                    nameValue.length < 2 ? "" : URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8));
        }
        return parameters;
    }
}
