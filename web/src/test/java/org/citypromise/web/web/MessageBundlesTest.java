package org.citypromise.web.web;

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
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every text of the site, in every bundle under {@code i18n/} (site, pledging, ...), exists in every language,
 * and no translation simply repeats the English (names, units and abbreviations aside).
 */
class MessageBundlesTest {

    private static final Path BUNDLES = Path.of("src", "main", "resources", "i18n");
    private static final List<String> LANGUAGES = List.of("ko", "id", "fil", "vi");
    /** The same in every language: the site's name, units, GPC's own boundary names, words Filipino borrows. */
    private static final Set<String> SAME_EVERYWHERE = Set.of("site.name", "unit.tco2e", "unit.tco2e.amount",
            "boundary.BASIC", "boundary.BASIC_PLUS");
    private static final Set<String> SAME_IN_FILIPINO = Set.of("footer.privacy", "footer.accessibility",
            "privacy.cookies.heading");

    @Test
    void everyKeyIsTranslatedIntoEveryLanguage() throws IOException {
        Set<String> bundles = baseNames();
        assertThat(bundles).contains("site");
        for (String bundle : bundles) {
            Properties english = load(bundle + ".properties");
            for (String language : LANGUAGES) {
                Properties translated = load(bundle + "_" + language + ".properties");
                assertThat(translated.stringPropertyNames()).as(bundle + "_" + language)
                        .isEqualTo(english.stringPropertyNames());
                for (String key : english.stringPropertyNames()) {
                    if (!SAME_EVERYWHERE.contains(key) && !(language.equals("fil") && SAME_IN_FILIPINO.contains(key))) {
                        assertThat(translated.getProperty(key)).as(bundle + "_" + language + " " + key)
                                .isNotEqualTo(english.getProperty(key));
                    }
                }
            }
        }
    }

    @Test
    void noMessageHasAStraightApostropheWhichMessageFormatWouldSwallow() throws IOException {
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
