package org.citypromise.web.web;

import org.citypromise.web.FakeIdentityProvider;
import org.citypromise.web.FakeService;
import org.citypromise.web.SiteTestBase;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A resident signs in as a browser would (authorization code + PKCE against the provider), is greeted by
 * name, their token goes with the site's calls to the services (the browser never sees it), and signs out
 * here and at the provider.
 */
class SignInTest extends SiteTestBase {

    @Test
    void aResidentSignsInIsCalledByNameHasTheirTokenRelayedAndSignsOutEverywhere() throws Exception {
        // 1. a page that needs sign-in sends the browser to the site's authorization endpoint, then the provider's
        HttpResponse<String> mine = get("/vi/sign-in");
        String cookie = sessionCookie(mine);
        HttpResponse<String> toProvider = get("/oauth2/authorization/citypromise", "Cookie", cookie);
        Map<String, String> request = FakeIdentityProvider.form(URI.create(
                toProvider.headers().firstValue("Location").orElseThrow()).getRawQuery());
        assertThat(request).containsEntry("code_challenge_method", "S256").containsKey("code_challenge")
                .containsKey("nonce").containsEntry("client_id", "citypromise-web");
        IDENTITY.authorizationRequested(request);

        // 2. the provider sends the browser back with a code; the site redeems it (with the PKCE verifier)
        HttpResponse<String> back = get("/login/oauth2/code/citypromise?code=the-code&state="
                + java.net.URLEncoder.encode(request.get("state"), java.nio.charset.StandardCharsets.UTF_8),
                "Cookie", cookie);
        assertThat(back.statusCode()).isEqualTo(302);
        String savedRequest = URI.create(back.headers().firstValue("Location").orElseThrow()).getRawPath();
        assertThat(savedRequest).isEqualTo("/vi/sign-in");
        String signedIn = sessionCookie(back);          // a new session id once signed in
        assertThat(signedIn).isNotEqualTo(cookie);
        assertThat(back.headers().allValues("Set-Cookie")).noneMatch(c -> c.contains(FakeIdentityProvider.ACCESS_TOKEN));
        assertThat(get("/vi/sign-in", "Cookie", signedIn).headers().firstValue("Location").orElseThrow()).endsWith("/vi/");

        // 3. signed in: greeted by name, a sign-out form with its CSRF token, the token relayed to the services
        HttpResponse<String> home = get("/vi/", "Cookie", signedIn);
        assertThat(home.body()).contains("Đã đăng nhập: Alice Kim").contains("action=\"/logout\"")
                .doesNotContain(FakeIdentityProvider.ACCESS_TOKEN);
        List<FakeService.Seen> seen = AGGREGATION.seen();
        assertThat(seen.get(seen.size() - 1).authorization()).isEqualTo("Bearer " + FakeIdentityProvider.ACCESS_TOKEN);
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(home.body());
        assertThat(csrf.find()).isTrue();

        // 4. signing out ends the session here and sends the browser to the provider's end-session endpoint
        HttpResponse<String> out = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/logout"))
                .header("Cookie", signedIn).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + java.net.URLEncoder.encode(csrf.group(1),
                        java.nio.charset.StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(out.statusCode()).isEqualTo(302);
        String endSession = java.net.URLDecoder.decode(out.headers().firstValue("Location").orElseThrow(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(endSession).startsWith(IDENTITY.issuer() + "/connect/logout?").contains("id_token_hint=")
                .contains("post_logout_redirect_uri=http://127.0.0.1:" + port + "/");
        assertThat(get("/vi/", "Cookie", signedIn).body()).doesNotContain("Alice Kim").contains("Đăng nhập");
    }

    @Test
    void theProviderIsAskedForItsPagesInTheLanguageOfThePageThatSentTheResidentToSignIn() {
        HttpResponse<String> fromKoreanPage = get("/ko/me", "Accept-Language", "en-US,en;q=0.9");
        assertThat(uiLocales(get("/oauth2/authorization/citypromise", "Cookie", sessionCookie(fromKoreanPage),
                "Accept-Language", "en-US,en;q=0.9"))).isEqualTo("ko");

        HttpResponse<String> signInLink = get("/fil/sign-in");
        assertThat(uiLocales(get("/oauth2/authorization/citypromise", "Cookie", sessionCookie(signInLink))))
                .isEqualTo("fil");
    }

    @Test
    void withoutAPageToGoBackToTheBrowsersLanguageIsAskedFor() {
        assertThat(uiLocales(get("/oauth2/authorization/citypromise", "Accept-Language", "vi-VN,vi;q=0.9,en;q=0.5")))
                .isEqualTo("vi");
        assertThat(uiLocales(get("/oauth2/authorization/citypromise", "Accept-Language", "ja"))).isEqualTo("en");
    }

    /** The ui_locales of the authorization request the browser is sent to the provider with. */
    private static String uiLocales(HttpResponse<String> toProvider) {
        URI authorize = URI.create(toProvider.headers().firstValue("Location").orElseThrow());
        assertThat(authorize.toString()).startsWith(IDENTITY.issuer() + "/oauth2/authorize?");
        return FakeIdentityProvider.form(authorize.getRawQuery()).get("ui_locales");
    }

    private static String sessionCookie(HttpResponse<?> response) {
        String cookie = response.headers().allValues("Set-Cookie").stream()
                .filter(value -> value.startsWith("CITYPROMISE_SESSION=")).findFirst().orElseThrow();
        return cookie.substring(0, cookie.indexOf(';'));
    }
}
