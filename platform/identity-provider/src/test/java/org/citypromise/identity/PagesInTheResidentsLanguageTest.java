package org.citypromise.identity;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A resident who came from the Korean pages of the web site signs in and signs up in Korean: the language the
 * site asked for with {@code ui_locales}, kept while they go between the two pages; without it, the browser's
 * language; without one of ours, English.
 */
class PagesInTheResidentsLanguageTest extends IdentityProviderTest {

    @Test
    void theSignInPageIsInTheLanguageTheSiteAskedForAndSignUpStaysInIt() {
        Browser browser = new Browser(URI.create(ISSUER), "en-US,en;q=0.9");
        HttpResponse<String> toSignIn = browser.get(authorizationRequest("ko en"));

        HttpResponse<String> signIn = browser.get(Browser.location(toSignIn).toString());
        assertThat(signIn.body()).contains("<html lang=\"ko\"").contains("<title>로그인 – CityPromise</title>")
                .contains(">사용자 이름</label>").contains(">계정 만들기</a>").doesNotContain("Password");
        HttpResponse<String> signUp = browser.get("/signup");
        assertThat(signUp.body()).contains("<html lang=\"ko\"").contains("<h1>계정 만들기</h1>")
                .contains("3~40자의 영문 소문자");
        assertThat(browser.get("/login").body()).as("back to sign-in").contains("<h1>로그인</h1>");

        // and the sign-in itself still goes on to the site
        HttpResponse<String> signedIn = browser.submit(signIn, "/login", Map.of("username", "minji", "password", DEMO_PASSWORD));
        assertThat(Browser.location(signedIn).getPath()).isEqualTo("/oauth2/authorize");
    }

    @Test
    void aSignUpProblemIsNamedAtItsFieldInVietnamese() {
        Browser browser = new Browser(URI.create(ISSUER));
        browser.get(authorizationRequest("vi"));

        HttpResponse<String> answer = browser.submit(browser.get("/signup"), "/signup",
                Map.of("username", "linh.tran", "password", "ngắn", "displayName", ""));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("<html lang=\"vi\"").contains("<title>Lỗi: Tạo tài khoản – CityPromise</title>")
                .contains("<h2>Có vấn đề</h2>")
                .contains("<a href=\"#password\">Mật khẩu phải có ít nhất 12 ký tự</a>")
                .contains("id=\"password-error\">Lỗi: Mật khẩu phải có ít nhất 12 ký tự</span>")
                .doesNotContain("id=\"username-error\"");
    }

    @Test
    void withoutUiLocalesTheBrowsersLanguageDecidesAndEnglishWhenItIsNoneOfOurs() {
        HttpResponse<String> indonesian = new Browser(URI.create(ISSUER), "id-ID,id;q=0.9,en;q=0.8").get("/login");
        assertThat(indonesian.body()).contains("<html lang=\"id\"").contains("<h1>Masuk</h1>").contains(">Kata sandi</label>");

        Browser filipino = new Browser(URI.create(ISSUER), "tl-PH");
        HttpResponse<String> refused = filipino.submit(filipino.get("/signup"), "/signup",
                Map.of("username", "alice", "password", "a long pass phrase", "displayName", ""));
        assertThat(refused.body()).contains("<html lang=\"fil\"").contains("May gumagamit na ng username na alice");

        HttpResponse<String> japanese = new Browser(URI.create(ISSUER), "ja-JP,ja;q=0.9").get("/login");
        assertThat(japanese.body()).contains("<html lang=\"en\"").contains("<h1>Sign in</h1>");
    }

    @Test
    void uiLocalesWinsOverTheBrowsersLanguage() {
        Browser browser = new Browser(URI.create(ISSUER), "ko-KR,ko;q=0.9");
        browser.get(authorizationRequest("fil"));

        assertThat(browser.get("/login").body()).contains("<html lang=\"fil\"").contains("<h1>Mag-sign in</h1>");
    }

    @Test
    void anErrorPageIsInTheResidentsLanguageToo() {
        Browser browser = new Browser(URI.create(ISSUER));
        browser.get(authorizationRequest("ko"));
        browser.get("/signup");

        HttpResponse<String> withoutCsrfToken = browser.post("/signup",
                Map.of("username", "jiwoo", "password", "a long pass phrase", "displayName", ""));

        assertThat(withoutCsrfToken.statusCode()).isEqualTo(403);
        assertThat(withoutCsrfToken.body()).contains("<html lang=\"ko\"").contains("<h1>문제가 발생했습니다</h1>")
                .contains("양식이 받아들여지지 않았습니다");
    }

    @Test
    void theDiscoveryDocumentNamesTheLanguagesAClientMayAskFor() {
        HttpResponse<String> discovery = get("/.well-known/openid-configuration");

        assertThat(json(discovery).path("ui_locales_supported").valueStream().map(tag -> tag.asString()).toList())
                .isEqualTo(List.of("en", "ko", "id", "fil", "vi"));
    }

    private static String authorizationRequest(String uiLocales) {
        return AuthorizationCodeFlowTest.authorizationRequest(AuthorizationCodeFlowTest.Pkce.fresh().challenge(), "s-1")
                + "&" + Browser.formEncoded(Map.of(PageLanguage.UI_LOCALES, uiLocales));
    }
}
