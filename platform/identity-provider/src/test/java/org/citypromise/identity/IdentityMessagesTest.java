package org.citypromise.identity;

import org.citypromise.backbone.MessageBundles;
import org.junit.jupiter.api.Test;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every text of the sign-in and sign-up pages exists in each of the web site's languages, translated, with the
 * same arguments, and no apostrophe that MessageFormat would eat.
 */
class IdentityMessagesTest {

    @Test
    void everyTextIsTranslatedIntoEveryLanguageOfTheSite() {
        MessageBundles texts = MessageBundles.load("i18n/identity");

        assertThat(texts.problems()).as(texts::summary).isEmpty();
        assertThat(PageLanguage.TAGS).as("the pages' languages are the site's").containsExactlyElementsOf(
                Stream.concat(Stream.of("en"), MessageBundles.TRANSLATIONS.stream()).toList());
    }
}
