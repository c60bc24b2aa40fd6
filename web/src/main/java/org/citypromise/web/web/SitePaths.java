package org.citypromise.web.web;

import org.citypromise.web.domain.Language;

import java.util.Optional;

/** Every page lives under its language: {@code /{lang}/...}, lang one of {@link Language}'s tags. */
public final class SitePaths {

    /** A path variable that matches only the site's languages, so that {@code /xx/...} is a 404. */
    public static final String LANG = "{lang:en|ko|id|fil|vi}";

    private SitePaths() {
    }

    /** The language a path starts with, if it starts with one of ours. */
    public static Optional<Language> languageOf(String path) {
        if (path == null || path.length() < 2 || path.charAt(0) != '/') {
            return Optional.empty();
        }
        int end = path.indexOf('/', 1);
        return Language.ofTag(end < 0 ? path.substring(1) : path.substring(1, end));
    }

    /** The same page in another language: the path with its language prefix swapped (the home page otherwise). */
    public static String inLanguage(String path, Language language) {
        Optional<Language> current = languageOf(path);
        if (current.isEmpty()) {
            return "/" + language.tag() + "/";
        }
        String rest = path.substring(1 + current.get().tag().length());
        return "/" + language.tag() + (rest.isEmpty() ? "/" : rest);
    }
}
