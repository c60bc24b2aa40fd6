package org.citypromise.web.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.citypromise.web.domain.Language;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.LocaleResolver;

import java.util.Locale;

/**
 * The page's language is the one its path starts with; elsewhere (the root, error pages of unknown paths)
 * the visitor's {@code Accept-Language}. The language is never stored: a link says it.
 */
public class SiteLocales implements LocaleResolver {

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        return language(request).locale();
    }

    public static Language language(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Object original = request.getAttribute("jakarta.servlet.error.request_uri");
        if (original instanceof String errorPath) {
            path = errorPath.substring(Math.min(errorPath.length(), request.getContextPath().length()));
        }
        return SitePaths.languageOf(path)
                .orElseGet(() -> Language.preferredBy(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE)));
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        throw new UnsupportedOperationException("the language is chosen by the path, /{lang}/...");
    }
}
