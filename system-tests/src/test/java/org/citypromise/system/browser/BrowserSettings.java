package org.citypromise.system.browser;

import java.util.Objects;

/**
 * How a test's browser is set up: its screen, the language it asks pages in (its Accept-Language
 * header and navigator.language), and whether it runs JavaScript.
 */
public record BrowserSettings(ScreenSize size, String language, boolean javaScript) {

    public BrowserSettings {
        Objects.requireNonNull(size, "size");
        if (language == null || language.isBlank()) {
            throw new IllegalArgumentException("a browser asks for some language, e.g. en or ko");
        }
    }

    /** English, with JavaScript. */
    public static BrowserSettings of(ScreenSize size) {
        return new BrowserSettings(size, "en", true);
    }

    /** A language tag or an Accept-Language list, e.g. {@code ko} or {@code ko-KR,ko,en}. */
    public BrowserSettings inLanguage(String language) {
        return new BrowserSettings(size, language, javaScript);
    }

    /** The page's scripts never run: no {@code <script>}, no event handler; {@code <noscript>} shows. */
    public BrowserSettings withoutJavaScript() {
        return new BrowserSettings(size, language, false);
    }

    /** The language's primary tag, as file names carry it: {@code ko} for {@code ko-KR,ko,en}. */
    String languageLabel() {
        return language.split("[,;]")[0].trim();
    }
}
