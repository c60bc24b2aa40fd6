package org.citypromise.pledge.web;

import org.citypromise.backbone.MessageBundles;
import org.citypromise.kit.web.ApiLanguages;
import org.citypromise.pledge.domain.Action;
import org.citypromise.pledge.domain.ActionCatalog;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The texts the API answers in en, ko, id, fil and vi: every one translated in every language, every action of the
 * catalog described, and every message key the code uses written down.
 */
class MessageBundlesTest {

    @Test
    void everyTextIsTranslatedIntoEveryLanguage() {
        assertThat(MessageBundles.problems("i18n/actions", Set.of())).isEmpty();
        assertThat(MessageBundles.problems("i18n/problems", Set.of())).isEmpty();
        assertThat(MessageBundles.problems(ApiLanguages.KIT_MESSAGES, Set.of())).isEmpty();
    }

    @Test
    void everyActionOfTheCatalogHasATitleAndADescription() {
        Properties actions = MessageBundles.load("i18n/actions.properties");
        Set<String> expected = new TreeSet<>();
        for (Action action : new ActionCatalog().all()) {
            expected.add("action." + action.code() + ".title");
            expected.add("action." + action.code() + ".description");
            assertThat(action.title()).isEqualTo(actions.getProperty("action." + action.code() + ".title"));
        }
        assertThat(actions.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** A key in the code with no text would answer the client with the key itself. */
    @Test
    void everyMessageKeyTheCodeUsesHasItsEnglishText() throws IOException {
        Properties english = new Properties();
        english.putAll(MessageBundles.load("i18n/problems.properties"));
        english.putAll(MessageBundles.load(ApiLanguages.KIT_MESSAGES + ".properties"));
        Pattern key = Pattern.compile("\"((?:reason|title|detail|kit\\.reason)\\.[a-z.-]+)\"");
        Set<String> used = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
                Matcher matcher = key.matcher(Files.readString(source));
                while (matcher.find()) {
                    used.add(matcher.group(1));
                }
            }
        }
        assertThat(used).hasSizeGreaterThan(30);
        assertThat(used).allSatisfy(code -> assertThat(english).containsKey(code));
        // and the titles the problem types use
        for (String type : List.of("unknown-city", "estimate-unavailable", "idempotency-key-reused",
                "precondition-required", "stale-version", "pledge-closed", "unknown-pledge", "too-many-requests")) {
            assertThat(english).containsKey("title." + type);
        }
    }
}
