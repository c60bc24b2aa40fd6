package org.citypromise.web.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LanguageTest {

    @Test
    void theFirstOfOurLanguagesTheBrowserAsksForWins() {
        assertThat(Language.preferredBy("ko-KR,ko;q=0.9,en;q=0.8")).isEqualTo(Language.KO);
        assertThat(Language.preferredBy("de;q=1.0,id;q=0.7,en;q=0.5")).isEqualTo(Language.ID);
        assertThat(Language.preferredBy("en;q=0.2,vi;q=0.9")).isEqualTo(Language.VI);
        assertThat(Language.preferredBy("fil-PH")).isEqualTo(Language.FIL);
    }

    @Test
    void tagalogIsTakenAsFilipinoAndTheOldIndonesianCodeAsIndonesian() {
        assertThat(Language.preferredBy("tl")).isEqualTo(Language.FIL);
        assertThat(Language.preferredBy("in-ID")).isEqualTo(Language.ID);
    }

    @Test
    void englishWhenNothingFitsOrTheHeaderCannotBeRead() {
        assertThat(Language.preferredBy(null)).isEqualTo(Language.EN);
        assertThat(Language.preferredBy("")).isEqualTo(Language.EN);
        assertThat(Language.preferredBy("fr-FR,de")).isEqualTo(Language.EN);
        assertThat(Language.preferredBy("*")).isEqualTo(Language.EN);
        assertThat(Language.preferredBy("ko;q=0")).isEqualTo(Language.EN);
        assertThat(Language.preferredBy(";;;==,")).isEqualTo(Language.EN);
        assertThat(Language.preferredBy("x".repeat(10_000))).isEqualTo(Language.EN);
    }
}
