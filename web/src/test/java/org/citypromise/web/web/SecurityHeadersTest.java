package org.citypromise.web.web;

import org.citypromise.web.SiteTestBase;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The browser-facing protections: the content security policy, sign-in by code + PKCE, no inline code. */
class SecurityHeadersTest extends SiteTestBase {

    @Test
    void everyPageCarriesAContentSecurityPolicyWithoutInlineScriptsOrStyles() {
        HttpResponse<String> page = get("/en/cities/seoul");

        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
                        + "frame-ancestors 'none'; form-action 'self' " + IDENTITY.issuer() + "; base-uri 'self'; object-src 'none'");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("strict-origin-when-cross-origin");
        assertThat(page.body()).doesNotContain(" style=\"").doesNotContain("<style")
                .doesNotContainPattern("<script(?![^>]*\\ssrc=)");
    }

    @Test
    void aPublicPageSetsNoCookie() {
        assertThat(get("/en/").headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void myPledgesNeedSignInWhichGoesToTheIdentityProviderWithPkce() {
        HttpResponse<String> mine = get("/ko/me");
        assertThat(mine.statusCode()).isEqualTo(302);
        assertThat(mine.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/oauth2/authorization/citypromise"));
        String session = mine.headers().allValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith("CITYPROMISE_SESSION=")).findFirst().orElseThrow();
        assertThat(session).contains("HttpOnly").containsIgnoringCase("SameSite=Lax");

        HttpResponse<String> signIn = get("/oauth2/authorization/citypromise",
                "Cookie", session.substring(0, session.indexOf(';')));
        assertThat(signIn.statusCode()).isEqualTo(302);
        String authorize = URLDecoder.decode(signIn.headers().firstValue("Location").orElseThrow(), StandardCharsets.UTF_8);
        assertThat(authorize).startsWith(IDENTITY.issuer() + "/oauth2/authorize?")
                .contains("response_type=code").contains("client_id=citypromise-web")
                .contains("scope=openid profile").contains("code_challenge=").contains("code_challenge_method=S256")
                .contains("redirect_uri=http://127.0.0.1:" + port + "/login/oauth2/code/citypromise");
    }

    @Test
    void behindATlsProxyTheSessionCookieIsSecure() {
        HttpResponse<String> mine = get("/en/me", "X-Forwarded-Proto", "https");
        assertThat(mine.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("CITYPROMISE_SESSION=").contains("Secure").contains("HttpOnly"));
        assertThat(mine.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).startsWith("https://"));
    }

    @Test
    void signingOutIsAPostWithACsrfToken() throws Exception {
        // GET /logout is not a sign-out: no page there (the layout's form posts with the CSRF token)
        assertThat(get("/logout").statusCode()).isIn(404, 405);
        HttpResponse<String> forged = http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + "/logout"))
                .header("Accept", "text/html").POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);
    }
}
