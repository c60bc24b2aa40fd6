package org.citypromise.kit.web;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** Which language a client is answered in, and the kit's problems in it. */
class ApiLanguagesTest {

    private static MockHttpServletRequest asking(String acceptLanguage) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        if (acceptLanguage != null) {
            request.addHeader("Accept-Language", acceptLanguage);
        }
        return request;
    }

    private static String language(String acceptLanguage) {
        return ApiLanguages.of(asking(acceptLanguage)).toLanguageTag();
    }

    @Test
    void theClientsLanguageIfTheApiHasItElseEnglish() {
        assertThat(language("ko-KR,ko;q=0.9,en-US;q=0.8")).isEqualTo("ko");
        assertThat(language("id-ID")).isEqualTo("id");
        assertThat(language("fil-PH")).isEqualTo("fil");
        assertThat(language("tl-PH,en;q=0.5")).isEqualTo("fil");   // Tagalog: what browsers often send
        assertThat(language("de-DE,vi;q=0.5")).isEqualTo("vi");     // the first one the API has
        assertThat(language("fr-FR")).isEqualTo("en");
        assertThat(language(null)).isEqualTo("en");
        assertThat(ApiLanguages.SUPPORTED).extracting(Locale::toLanguageTag).containsExactly("en", "ko", "id", "fil", "vi");
    }

    @Test
    void theKitsProblemsAreSaidInThatLanguage() {
        assertThat(ApiLanguages.text(asking("ko"), "kit.reason.too-large", "16384")).isEqualTo("16384바이트보다 큽니다");
        assertThat(ApiLanguages.text(asking("vi"), "kit.title.unauthorized")).isEqualTo("Chưa xác thực");
        assertThat(ApiLanguages.text(asking("fr"), "kit.reason.not-allowed"))
                .isEqualTo("the token's roles or cities do not allow this");
    }

    @Test
    void aTranslationWithQuotesStaysValidJson() {
        assertThat(FilterProblems.json("must be the ETag you read, e.g. \"3\" \\ \u0001"))
                .isEqualTo("\"must be the ETag you read, e.g. \\\"3\\\" \\\\ \\u0001\"");
    }
}
