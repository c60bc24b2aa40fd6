package org.citypromise.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.web.servlet.LocaleResolver;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The language of the sign-in and sign-up pages: the one the client asked for with {@code ui_locales} in its
 * authorization request (OpenID Connect Core 3.1.2.1), remembered for the session so that it stays while the
 * resident goes from sign-in to sign-up and back; else the browser's {@code Accept-Language}; else English.
 * The authorization request waits in the session (Spring Security's saved request) while the pages are shown,
 * which is where its {@code ui_locales} is read.
 */
final class PageLanguage implements LocaleResolver {

    /** The web site's languages, English first (the fallback). */
    static final List<String> TAGS = List.of("en", "ko", "id", "fil", "vi");
    static final String UI_LOCALES = "ui_locales";
    private static final String CHOSEN = PageLanguage.class.getName() + ".CHOSEN";

    private final RequestCache authorizationRequests = new HttpSessionRequestCache();

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            Optional<String> asked = askedByClient(request);
            if (asked.isPresent()) {
                session.setAttribute(CHOSEN, asked.get());
                return Locale.forLanguageTag(asked.get());
            }
            if (session.getAttribute(CHOSEN) instanceof String chosen) {
                return Locale.forLanguageTag(chosen);
            }
        }
        return Locale.forLanguageTag(best(request.getHeader("Accept-Language")).orElse(TAGS.get(0)));
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        request.getSession().setAttribute(CHOSEN, locale == null ? TAGS.get(0) : locale.toLanguageTag());
    }

    /** One of ours from the waiting authorization request's {@code ui_locales}, if it names one. */
    private Optional<String> askedByClient(HttpServletRequest request) {
        SavedRequest saved = authorizationRequests.getRequest(request, null);
        String[] uiLocales = saved == null ? null : saved.getParameterValues(UI_LOCALES);
        return uiLocales == null || uiLocales.length == 0 ? Optional.empty()
                : best(String.join(",", uiLocales[0].trim().split("\\s+")));
    }

    /**
     * Our first language in a list of language ranges by preference ({@code Accept-Language}, or {@code ui_locales}
     * turned into one); region subtags ignored, Tagalog taken as Filipino (which is built on it).
     */
    static Optional<String> best(String ranges) {
        if (ranges == null || ranges.isBlank()) {
            return Optional.empty();
        }
        try {
            for (Locale.LanguageRange range : Locale.LanguageRange.parse(ranges.length() > 500 ? ranges.substring(0, 500) : ranges)) {
                String primary = range.getRange().split("-")[0];
                String ours = switch (primary) {
                    case "tl" -> "fil";
                    case "in" -> "id";
                    default -> primary;
                };
                if (range.getWeight() > 0 && TAGS.contains(ours)) {
                    return Optional.of(ours);
                }
            }
        } catch (IllegalArgumentException unreadable) {
            // a malformed header or parameter chooses nothing: the next source decides
        }
        return Optional.empty();
    }
}
