package org.citypromise.web.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The languages the site is written in; each page lives under its language's path, {@code /ko/...}. */
public enum Language {
    EN("en", "English"),
    KO("ko", "한국어"),
    ID("id", "Bahasa Indonesia"),
    FIL("fil", "Filipino"),
    VI("vi", "Tiếng Việt");

    public static final Language DEFAULT = EN;

    private final String tag;
    private final String nativeName;

    Language(String tag, String nativeName) {
        this.tag = tag;
        this.nativeName = nativeName;
    }

    /** The BCP 47 tag, which is also the path prefix. */
    public String tag() {
        return tag;
    }

    /** The language's name in itself, as a language switch shows it. */
    public String nativeName() {
        return nativeName;
    }

    public Locale locale() {
        return Locale.forLanguageTag(tag);
    }

    public static Optional<Language> ofTag(String tag) {
        return Arrays.stream(values()).filter(language -> language.tag.equals(tag)).findFirst();
    }

    /**
     * The best language for an {@code Accept-Language} header, by the header's weights; English when it names
     * none of ours or cannot be read. Tagalog ({@code tl}) is taken as Filipino, which is built on it.
     */
    public static Language preferredBy(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return DEFAULT;
        }
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(acceptLanguage.length() > 500 ? acceptLanguage.substring(0, 500)
                    : acceptLanguage);
        } catch (IllegalArgumentException unreadable) {
            return DEFAULT;
        }
        for (Locale.LanguageRange range : ranges) {
            if (range.getWeight() <= 0) {
                continue;
            }
            String primary = range.getRange().split("-")[0].toLowerCase(Locale.ROOT);
            if (primary.equals("*")) {
                return DEFAULT;
            }
            if (primary.equals("tl")) {
                return FIL;
            }
            if (primary.equals("in")) {
                return ID;
            }
            Optional<Language> ours = ofTag(primary);
            if (ours.isPresent()) {
                return ours.get();
            }
        }
        return DEFAULT;
    }
}
