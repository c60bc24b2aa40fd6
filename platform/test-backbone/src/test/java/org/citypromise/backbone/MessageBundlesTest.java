package org.citypromise.backbone;

import org.citypromise.backbone.MessageBundles.Kind;
import org.citypromise.backbone.MessageBundles.Problem;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class MessageBundlesTest {

    private final MessageBundles fixture = MessageBundles.load("bundles/fixture").allowingSameAsEnglish("Seoul", "tCO2e");

    @Test
    void reportsEachKeyMissingInALanguageAndEachKeyOnlyATranslationHas() {
        assertThat(fixture.problems()).contains(
                new Problem("bundles/fixture", "fil", "home.participants", Kind.MISSING, ""),
                new Problem("bundles/fixture", "fil", "home.subtitel", Kind.ONLY_IN_TRANSLATION, ""));
    }

    @Test
    void reportsATranslationThatRepeatsTheEnglishText() {
        assertThat(fixture.problems())
                .contains(new Problem("bundles/fixture", "id", "home.title", Kind.SAME_AS_ENGLISH, "Your city's promise"));
    }

    @Test
    void reportsATranslationThatDropsTheNumberItShouldShow() {
        assertThat(fixture.problems()).filteredOn(problem -> problem.kind() == Kind.ARGUMENTS_DIFFER)
                .extracting(Problem::language, Problem::key).containsExactly(tuple("vi", "home.pledged"));
    }

    @Test
    void properNamesUnitsAndArgumentsOnlyMayStayAsInEnglish() {
        // Seoul, tCO2e and "{0} – {1}" are the same in English, Indonesian, Filipino and Vietnamese.
        assertThat(fixture.problems()).extracting(Problem::key)
                .doesNotContain("city.name.seoul", "unit.tco2e", "trend.range");
        assertThat(fixture.problems()).hasSize(6);
    }

    @Test
    void withoutTheAllowListProperNamesAreReportedToo() {
        List<Problem> problems = MessageBundles.load("bundles/fixture").problems();

        assertThat(problems).filteredOn(problem -> problem.kind() == Kind.SAME_AS_ENGLISH).extracting(Problem::key)
                .contains("city.name.seoul", "unit.tco2e").doesNotContain("trend.range");
    }

    @Test
    void aMissingLanguageFileIsOneProblemNamingTheFile() {
        List<Problem> problems = MessageBundles.load("bundles/fixture", List.of("ko", "th"))
                .allowingSameAsEnglish("tCO2e").problems();

        assertThat(problems).filteredOn(problem -> !problem.language().equals("en")).containsExactly(
                new Problem("bundles/fixture", "th", "*", Kind.MISSING, "no bundles/fixture_th.properties"));
    }

    @Test
    void theSummaryListsEveryProblemReadably() {
        assertThat(fixture.summary()).contains(
                "bundles/fixture: 6 problems in 7 keys",
                "bundles/fixture_fil: home.participants — missing",
                "bundles/fixture_id: home.title — the English text, untranslated (Your city's promise)",
                "bundles/fixture_vi: home.pledged — other {n} arguments than English (English [{0}], here [])");
        assertThat(MessageBundles.load("bundles/clean", List.of("ko")).allowingSameAsEnglish("tCO2e").summary())
                .isEqualTo("bundles/clean: 2 keys, each in every language [ko]");
    }

    @Test
    void reportsApostrophesThatMessageFormatWouldMangle() {
        // English "Seoul's pledges since {0}" would show "Seouls pledges since {0}"; the Vietnamese '' shows doubled.
        assertThat(fixture.problems()).filteredOn(problem -> problem.kind() == Kind.APOSTROPHE)
                .extracting(Problem::language, Problem::key)
                .containsExactly(tuple("en", "home.since"), tuple("vi", "home.title"));
        assertThat(fixture.summary()).contains("bundles/fixture: home.since — an apostrophe MessageFormat mangles");
    }

    @Test
    void aBundleWithoutItsEnglishBaseIsAnError() {
        assertThatThrownBy(() -> MessageBundles.load("bundles/nothing"))
                .hasMessageContaining("no bundles/nothing.properties on the class path");
    }
}
