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
        for (String bundle : List.of("i18n/actions", "i18n/problems", ApiLanguages.KIT_MESSAGES)) {
            MessageBundles texts = MessageBundles.load(bundle).formattedAlways();
            assertThat(texts.problems()).as(texts::summary).isEmpty();
        }
    }

    @Test
    void everyActionOfTheCatalogHasATitleAndADescription() {
        Properties actions = english("i18n/actions");
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
        english.putAll(english("i18n/problems"));
        english.putAll(english(ApiLanguages.KIT_MESSAGES));
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

    private static Properties english(String basename) {
        try (var in = MessageBundlesTest.class.getClassLoader().getResourceAsStream(basename + ".properties")) {
            Properties english = new Properties();
            english.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
            return english;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
