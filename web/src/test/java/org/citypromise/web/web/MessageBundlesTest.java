package org.citypromise.web.web;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every text of the site exists in every language, and no translation simply repeats the English (names,
 * units and abbreviations aside).
 */
class MessageBundlesTest {

    private static final Set<String> LANGUAGES = Set.of("ko", "id", "fil", "vi");
    /** The same in every language: the site's name, units, and GPC's own boundary names. */
    private static final Set<String> SAME_EVERYWHERE = Set.of("site.name", "unit.tco2e", "unit.tco2e.amount",
            "boundary.BASIC", "boundary.BASIC_PLUS", "footer.privacy", "footer.accessibility",
            "privacy.cookies.heading");

    @Test
    void everyKeyIsTranslatedIntoEveryLanguage() throws IOException {
        Properties english = load("i18n/site.properties");
        for (String language : LANGUAGES) {
            Properties translated = load("i18n/site_" + language + ".properties");
            assertThat(translated.stringPropertyNames()).as(language).isEqualTo(english.stringPropertyNames());
            for (String key : english.stringPropertyNames()) {
                if (!SAME_EVERYWHERE.contains(key) && !(language.equals("fil") && key.startsWith("footer."))) {
                    assertThat(translated.getProperty(key)).as(language + " " + key)
                            .isNotEqualTo(english.getProperty(key));
                }
            }
        }
    }

    @Test
    void noMessageHasAStraightApostropheWhichMessageFormatWouldSwallow() throws IOException {
        for (String file : Set.of("site", "site_ko", "site_id", "site_fil", "site_vi")) {
            Properties messages = load("i18n/" + file + ".properties");
            messages.forEach((key, text) -> assertThat((String) text).as(file + " " + key).doesNotContain("'"));
        }
    }

    private static Properties load(String resource) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(
                MessageBundlesTest.class.getClassLoader().getResourceAsStream(resource), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
