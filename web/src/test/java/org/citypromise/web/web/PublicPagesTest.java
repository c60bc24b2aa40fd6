package org.citypromise.web.web;

import org.citypromise.web.SiteTestBase;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The public pages as a visitor gets them, in their language, from the services' numbers. */
class PublicPagesTest extends SiteTestBase {

    @Test
    void theBareAddressSendsEachVisitorToTheHomePageInTheirBrowsersLanguage() {
        assertThat(get("/", "Accept-Language", "ko-KR,ko;q=0.9,en-US;q=0.8").headers().firstValue("Location"))
                .hasValue("/ko/");
        assertThat(get("/", "Accept-Language", "fr-FR,fr;q=0.9,vi;q=0.5").headers().firstValue("Location"))
                .hasValue("/vi/");
        assertThat(get("/", "Accept-Language", "tl-PH").headers().firstValue("Location")).hasValue("/fil/");
        assertThat(get("/", "Accept-Language", "de-DE").headers().firstValue("Location")).hasValue("/en/");
        HttpResponse<String> none = get("/");
        assertThat(none.statusCode()).isEqualTo(302);
        assertThat(none.headers().firstValue("Location")).hasValue("/en/");
        assertThat(none.headers().firstValue("Vary")).hasValueSatisfying(vary -> assertThat(vary).contains("Accept-Language"));
    }

    @Test
    void theHomePageShowsTheCitiesTheWorldsTotalAndTheLeaderboardInEnglish() {
        HttpResponse<String> home = get("/en/");

        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("<html lang=\"en\"")
                .contains("Your city has made a climate promise. Help keep it.")
                .contains("12,346")                       // the world's pledged tCO2e per year, grouped
                .contains("Seoul").contains("South Korea").contains("Hanoi").contains("Vietnam")
                .contains("Cut emissions from their 2005 level by 2030")
                .contains("Net zero by 2050")
                .contains("0.08% of the gap covered by pledges")
                .contains("href=\"/en/cities/seoul\"")
                .contains("href=\"/en/pledge\"")
                .contains("Leaderboard");
    }

    @Test
    void theHomePageInKoreanAndIndonesianIsWrittenAndNumberedForThem() {
        HttpResponse<String> korean = get("/ko/");
        assertThat(korean.statusCode()).isEqualTo(200);
        assertThat(korean.body()).contains("<html lang=\"ko\"")
                .contains("우리 도시가 기후 약속을 했습니다")
                .contains("대한민국")
                .contains("2030년까지 2005년 대비 배출량 감축")
                .contains("href=\"/ko/cities/seoul\"")
                .doesNotContain("Your city has made a climate promise");

        HttpResponse<String> indonesian = get("/id/");
        assertThat(indonesian.body()).contains("<html lang=\"id\"")
                .contains("Kota Anda telah membuat janji iklim")
                .contains("12.346");                       // Indonesian groups with a dot
    }

    @Test
    void theServicesAreAskedInTheVisitorsLanguage() {
        get("/vi/");
        assertThat(AGGREGATION.seen()).anySatisfy(seen -> {
            assertThat(seen.path()).isEqualTo("/api/v1/contributions/global");
            assertThat(seen.acceptLanguage()).isEqualTo("vi");
            assertThat(seen.authorization()).isNull();     // not signed in: no token
        });
    }

    @Test
    void aCityPageSaysItsPromiseInWordsAndNumbersWithChartsThatHaveTables() {
        HttpResponse<String> seoul = get("/en/cities/seoul");

        assertThat(seoul.statusCode()).isEqualTo(200);
        assertThat(seoul.body())
                .contains("<h1>Seoul’s climate promise</h1>")
                .contains("Seoul promises to cut its emissions by 40% from their 2005 level by 2030.")
                .contains("Emissions in 2005 (base year)").contains("49,500,000 tCO₂e")
                .contains("Emissions allowed in 2030").contains("29,700,000 tCO₂e")
                .contains("Gap to the target").contains("16,300,000 tCO₂e")
                .contains("<progress max=\"100\" data-live=\"coverage-bar\"")
                .contains("0.08%")
                .contains("Emissions by sector in 2022")
                .contains("role=\"img\"")
                .contains("<th scope=\"row\">Stationary energy</th>")
                .contains("30,000,000")
                .contains("Households").contains("8,001")
                .contains("No group is large enough to show yet.")   // byArea came empty: all hidden
                .contains("Some smaller groups are not shown.")      // 13 of 14 pledges in the shown groups
                .contains("The last 90 days")
                .contains("<polyline class=\"trend-line\"")
                .contains("href=\"/en/pledge?city=seoul\"")
                .contains("data-city=\"seoul\"")
                .containsPattern("src=\"/js/live-[0-9a-f]{32}\\.js\"");
    }

    @Test
    void aCityPageInVietnameseAndFilipino() {
        assertThat(get("/vi/cities/seoul").body())
                .contains("<html lang=\"vi\"")
                .contains("Cam kết khí hậu của Seoul")
                .contains("Seoul cam kết giảm 40% lượng phát thải so với mức năm 2005 vào năm 2030.")
                .contains("29.700.000 tCO₂e")
                .contains("Năng lượng tĩnh");
        assertThat(get("/fil/cities/seoul").body())
                .contains("Ang pangako sa klima ng Seoul")
                .contains("Enerhiyang nakapirmi");
    }

    @Test
    void anUnknownCityIsA404PageInTheVisitorsLanguage() {
        HttpResponse<String> atlantis = get("/ko/cities/atlantis");
        assertThat(atlantis.statusCode()).isEqualTo(404);
        assertThat(atlantis.body()).contains("<html lang=\"ko\"").contains("페이지를 찾을 수 없습니다");

        HttpResponse<String> nonsense = get("/id/cities/NOT_A_SLUG");
        assertThat(nonsense.statusCode()).isEqualTo(404);
        assertThat(nonsense.body()).contains("Halaman tidak ditemukan");
    }

    @Test
    void anUnknownLanguageOrPathIsA404PageInTheBrowsersLanguage() {
        HttpResponse<String> unknown = get("/xx/cities/seoul", "Accept-Language", "vi");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("<html lang=\"vi\"").contains("Không tìm thấy trang")
                .doesNotContain("Whitelabel").doesNotContain("Exception");
    }

    @Test
    void theStylesheetAndScriptAreServedUnderTheirContentsHashToBeKeptForAYear() {
        String page = get("/en/cities/seoul").body();
        java.util.regex.Matcher css = java.util.regex.Pattern.compile("href=\"(/css/site-[0-9a-f]{32}\\.css)\"").matcher(page);
        assertThat(css.find()).isTrue();
        HttpResponse<String> stylesheet = get(css.group(1));
        assertThat(stylesheet.statusCode()).isEqualTo(200);
        assertThat(stylesheet.headers().firstValue("Cache-Control")).hasValueSatisfying(
                cache -> assertThat(cache).contains("max-age=31536000"));
    }

    @Test
    void thePrivacyNoticeAndAccessibilityStatementExistInEveryLanguage() {
        assertThat(get("/en/privacy").body()).contains("Privacy notice").contains("pseudonym")
                .contains("href=\"/en/me\"");
        assertThat(get("/ko/privacy").body()).contains("개인정보 처리방침").contains("가명");
        assertThat(get("/en/accessibility").body()).contains("WCAG").contains("2.1").contains("AA");
        assertThat(get("/fil/accessibility").body()).contains("Pahayag sa accessibility");
        assertThat(get("/vi/accessibility").body()).contains("Tuyên bố về khả năng tiếp cận");
        assertThat(get("/id/privacy").body()).contains("Pemberitahuan privasi");
    }

    @Test
    void everyPageLinksToItselfInTheOtherLanguages() {
        String page = get("/en/cities/seoul").body();
        assertThat(page).contains("href=\"/ko/cities/seoul\"").contains("href=\"/id/cities/seoul\"")
                .contains("href=\"/fil/cities/seoul\"").contains("href=\"/vi/cities/seoul\"")
                .contains("lang=\"ko\"").contains("한국어").contains("Tiếng Việt")
                .contains("aria-current=\"true\"")
                // and tells search engines the other languages' whole addresses
                .contains("<link rel=\"alternate\" hreflang=\"vi\" href=\"http://127.0.0.1:" + port + "/vi/cities/seoul\">");
    }
}
