package org.citypromise.identity;

import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new resident signs up on the way to the web site and arrives there signed in; later they sign in with what
 * they chose. Bad input is answered on the page, at the field, and nothing is stored.
 */
class SignUpTest extends IdentityProviderTest {

    @Test
    void aNewResidentSignsUpOnTheWayToTheSiteAndCanSignInAgainLater() {
        Browser browser = new Browser(URI.create(ISSUER));
        AuthorizationCodeFlowTest.Pkce pkce = AuthorizationCodeFlowTest.Pkce.fresh();
        HttpResponse<String> toSignIn = browser.get(AuthorizationCodeFlowTest.authorizationRequest(pkce.challenge(), "s-1"));
        assertThat(Browser.location(toSignIn).getPath()).isEqualTo("/login");
        assertThat(browser.get("/login").body()).contains("href=\"/signup\"");

        HttpResponse<String> form = browser.get("/signup");
        assertThat(form.statusCode()).isEqualTo(200);
        HttpResponse<String> signedUp = browser.submit(form, "/signup", Map.of("username", "Dewi.Lestari",
                "password", "a long pass phrase", "displayName", "Dewi"));
        assertThat(signedUp.statusCode()).as(signedUp.body()).isEqualTo(302);
        String code = AuthorizationCodeFlowTest.codeAfter(browser, signedUp);

        HttpResponse<String> tokens = AuthorizationCodeFlowTest.exchange(code, pkce.verifier());
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        JWTClaimsSet access = verifiedClaims(json(tokens).path("access_token").asString());
        assertThat(access.getSubject()).isEqualTo("dewi.lestari");
        assertThat(access.getClaim("roles")).isEqualTo(List.of("resident"));

        AuthorizationCodeFlowTest.Pkce again = AuthorizationCodeFlowTest.Pkce.fresh();
        String later = AuthorizationCodeFlowTest.signInForCode(new Browser(URI.create(ISSUER)), "dewi.lestari",
                "a long pass phrase", again);
        assertThat(json(AuthorizationCodeFlowTest.exchange(later, again.verifier())).path("access_token").asString()).isNotBlank();
    }

    @Test
    void aTakenUsernameIsNamedOnThePage() {
        Browser browser = new Browser(URI.create(ISSUER));
        HttpResponse<String> answer = browser.submit(browser.get("/signup"), "/signup",
                Map.of("username", "ALICE", "password", "another long pass phrase", "displayName", "Impostor"));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("href=\"#username\"").contains("Username alice is taken")
                .contains("id=\"username-error\"").doesNotContain("another long pass phrase");
        assertCannotSignIn("alice", "another long pass phrase");
    }

    @Test
    void aShortPasswordAndABadUsernameAreNamedAtTheirFieldsAndNothingIsStored() {
        Browser browser = new Browser(URI.create(ISSUER));
        HttpResponse<String> shortPassword = browser.submit(browser.get("/signup"), "/signup",
                Map.of("username", "budi", "password", "short", "displayName", ""));

        assertThat(shortPassword.statusCode()).isEqualTo(400);
        assertThat(shortPassword.body()).contains("href=\"#password\"").contains("at least 12 characters")
                .contains("id=\"password-error\"").contains("value=\"budi\"").doesNotContain("id=\"username-error\"");
        assertCannotSignIn("budi", "short");

        HttpResponse<String> badUsername = browser.submit(shortPassword, "/signup",
                Map.of("username", "budi santoso!", "password", "a long pass phrase", "displayName", ""));
        assertThat(badUsername.statusCode()).isEqualTo(400);
        assertThat(badUsername.body()).contains("href=\"#username\"").contains("id=\"username-error\"");
        assertCannotSignIn("budi santoso!", "a long pass phrase");
    }

    @Test
    void aFormPostedFromElsewhereWithoutTheCsrfTokenIsRefused() {
        Browser browser = new Browser(URI.create(ISSUER));
        browser.get("/signup");

        HttpResponse<String> forged = browser.post("/signup", Map.of("username", "mallory",
                "password", "a long pass phrase", "displayName", ""));

        assertThat(forged.statusCode()).isEqualTo(403);
        assertCannotSignIn("mallory", "a long pass phrase");
    }

    private static void assertCannotSignIn(String username, String password) {
        Browser browser = new Browser(URI.create(ISSUER));
        HttpResponse<String> refused = browser.submit(browser.get("/login"), "/login",
                Map.of("username", username, "password", password));
        assertThat(Browser.location(refused).getQuery()).isEqualTo("error");
    }
}
