package org.citypromise.kit.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

import java.util.List;
import java.util.Locale;

/**
 * The languages the API answers its human-readable texts in (problem titles, details and reasons; a service's own
 * texts such as a catalog's titles), chosen by {@code Accept-Language}: English, Korean, Indonesian, Filipino and
 * Vietnamese, the languages of the cities of the Ambitious City Promises; English for any other. Field names, codes
 * and JSON property names are never translated. Each answer says its language ({@code Content-Language}) and that it
 * depends on the request's ({@code Vary: Accept-Language}), so a cache keeps one copy per language.
 */
public final class ApiLanguages {

    public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.forLanguageTag("ko"),
            Locale.forLanguageTag("id"), Locale.forLanguageTag("fil"), Locale.forLanguageTag("vi"));

    /** The kit's own texts (problems every service answers); a service's texts are in its own bundles. */
    public static final String KIT_MESSAGES = "org/citypromise/kit/web/problems";

    /** Which language the request's texts were written in, once one was: its Content-Language. */
    private static final String ANSWERED_IN = ApiLanguages.class.getName() + ".answeredIn";

    private static final AcceptHeaderLocaleResolver RESOLVER = resolver();
    private static final MessageSource KIT = messages(KIT_MESSAGES);

    private ApiLanguages() {
    }

    /** Spring MVC's locale resolver for a service (its {@code localeResolver} bean): the same choice as the kit's. */
    public static AcceptHeaderLocaleResolver resolver() {
        AcceptHeaderLocaleResolver resolver = new AcceptHeaderLocaleResolver() {
            @Override
            public Locale resolveLocale(HttpServletRequest request) {
                // Tagalog is what many browsers send for Filipino (fil), which is based on it
                String accepted = request.getHeader(HttpHeaders.ACCEPT_LANGUAGE);
                if (accepted != null && accepted.trim().toLowerCase(Locale.ROOT).matches("tl([-_;,].*)?")) {
                    return SUPPORTED.get(3);
                }
                return super.resolveLocale(request);
            }
        };
        resolver.setSupportedLocales(SUPPORTED);
        resolver.setDefaultLocale(Locale.ENGLISH);
        return resolver;
    }

    /**
     * A message source of the given bundles (base file English, then {@code _ko}, {@code _id}, {@code _fil},
     * {@code _vi}), UTF-8, always through {@link java.text.MessageFormat} (so a quote is written {@code ''}), with
     * English, never the machine's language, for what a language lacks.
     */
    public static ResourceBundleMessageSource messages(String... basenames) {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasenames(basenames);
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        source.setAlwaysUseMessageFormat(true);
        return source;
    }

    /** The language the request asks for, among the supported ones. */
    public static Locale of(HttpServletRequest request) {
        return RESOLVER.resolveLocale(request);
    }

    /** The language of the request being handled on this thread; English outside a request. */
    public static Locale current() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        return attributes instanceof ServletRequestAttributes servlet ? of(servlet.getRequest()) : Locale.ENGLISH;
    }

    /** One of the kit's texts in the request's language; the language is noted as the answer's. */
    static String text(String key, Object... arguments) {
        Locale locale = current();
        answeredIn(locale);
        return KIT.getMessage(key, arguments, locale);
    }

    /** One of the kit's texts, for a request outside Spring MVC (a filter, the container). */
    static String text(HttpServletRequest request, String key, Object... arguments) {
        return KIT.getMessage(key, arguments, of(request));
    }

    /** Notes that the answer to the current request is written in {@code locale}. */
    public static void answeredIn(Locale locale) {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes != null) {
            attributes.setAttribute(ANSWERED_IN, locale, RequestAttributes.SCOPE_REQUEST);
        }
    }

    /** Content-Language (what the texts were written in; English if none was chosen) and Vary: Accept-Language. */
    public static void describe(HttpHeaders headers) {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        Object locale = attributes == null ? null : attributes.getAttribute(ANSWERED_IN, RequestAttributes.SCOPE_REQUEST);
        headers.set(HttpHeaders.CONTENT_LANGUAGE, (locale instanceof Locale chosen ? chosen : Locale.ENGLISH).toLanguageTag());
        headers.setVary(List.of(HttpHeaders.ACCEPT_LANGUAGE));
    }
}
