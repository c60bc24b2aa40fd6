package org.citypromise.identity;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which of the site's languages a list of language preferences ({@code Accept-Language} or {@code ui_locales}) picks. */
class PageLanguageTest {

    @Test
    void theFirstOfOursByPreferenceRegionsIgnored() {
        assertThat(PageLanguage.best("ja, vi-VN;q=0.8, ko;q=0.9")).contains("ko");
        assertThat(PageLanguage.best("vi-VN,vi;q=0.9,en-US;q=0.8")).contains("vi");
        assertThat(PageLanguage.best("ko,en")).as("ui_locales \"ko en\", in the order given").contains("ko");
    }

    @Test
    void tagalogIsFilipinoAndTheOldTagOfIndonesianIsIndonesian() {
        assertThat(PageLanguage.best("tl-PH")).contains("fil");
        assertThat(PageLanguage.best("in")).contains("id");
    }

    @Test
    void noneOfOursOrUnreadableChoosesNothing() {
        assertThat(PageLanguage.best("ja, de;q=0.5")).isEmpty();
        assertThat(PageLanguage.best("ko;q=0")).isEmpty();
        assertThat(PageLanguage.best(";;q=x")).isEmpty();
        assertThat(PageLanguage.best(null)).isEmpty();
    }
}
