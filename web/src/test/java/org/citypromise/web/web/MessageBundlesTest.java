package org.citypromise.web.web;

import org.citypromise.backbone.MessageBundles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every text of the site, in every bundle under {@code i18n/} (site, pledging, ...), exists in every language
 * with the same arguments, and no translation simply repeats the English (the site's name, units and GPC's
 * boundary names aside, and the words Filipino borrows): the test-backbone's {@link MessageBundles} check.
 */
class MessageBundlesTest {

    private static final Path BUNDLES = Path.of("src", "main", "resources", "i18n");
    private static final List<String> LANGUAGES = MessageBundles.TRANSLATIONS;
    /** Keys whose English text a language keeps, by language ("*": every language). */
    private static final Set<String> SAME_AS_ENGLISH = Set.of("*:site.name", "*:unit.tco2e", "*:unit.tco2e.amount",
            "*:boundary.BASIC", "*:boundary.BASIC_PLUS",
            "fil:footer.privacy", "fil:footer.accessibility", "fil:privacy.cookies.heading");

    @Test
    void everyKeyIsTranslatedIntoEveryLanguage() throws IOException {
        Set<String> bundles = baseNames();
        assertThat(bundles).contains("site", "pledging");
        for (String bundle : bundles) {
            MessageBundles texts = MessageBundles.load("i18n/" + bundle);
            List<MessageBundles.Problem> problems = texts.problems().stream()
                    .filter(problem -> !(problem.kind() == MessageBundles.Kind.SAME_AS_ENGLISH
                            && (SAME_AS_ENGLISH.contains("*:" + problem.key())
                            || SAME_AS_ENGLISH.contains(problem.language() + ":" + problem.key()))))
                    .toList();
            assertThat(problems).as(() -> problems.stream().map(Object::toString).collect(Collectors.joining("\n")))
                    .isEmpty();
        }
    }

    /** The site writes ’: a straight ' would vanish from a message with arguments, which MessageFormat reads. */
    @Test
    void noMessageHasAStraightApostrophe() throws IOException {
        try (Stream<Path> files = Files.list(BUNDLES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".properties")).toList()) {
                Properties messages = load(file.getFileName().toString());
                messages.forEach((key, text) -> assertThat((String) text).as(file.getFileName() + " " + key)
                        .doesNotContain("'"));
            }
        }
    }

    private static Set<String> baseNames() throws IOException {
        try (Stream<Path> files = Files.list(BUNDLES)) {
            Set<String> names = new TreeSet<>();
            files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".properties"))
                    .map(name -> name.substring(0, name.length() - ".properties".length()))
                    .filter(name -> LANGUAGES.stream().noneMatch(language -> name.endsWith("_" + language)))
                    .forEach(names::add);
            return names;
        }
    }

    private static Properties load(String file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(BUNDLES.resolve(file), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
