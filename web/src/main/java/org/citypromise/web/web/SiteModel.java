package org.citypromise.web.web;

import jakarta.servlet.http.HttpServletRequest;
import org.citypromise.web.domain.Language;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.ui.Model;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.Arrays;
import java.util.Map;

/** What the layout needs on every page: the language, the same page in the others, who is signed in. */
@ControllerAdvice
class SiteModel {

    /** A language the page is also available in, and where. */
    record Alternate(String tag, String name, String href, boolean current, String url) {
    }

    @ModelAttribute
    void layout(Model model, HttpServletRequest request) {
        fill(model.asMap(), request);
    }

    /** Puts the layout's attributes into a model: also for pages made outside a controller (errors). */
    static void fill(Map<String, Object> model, HttpServletRequest request) {
        Language current = SiteLocales.language(request);
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Object original = request.getAttribute("jakarta.servlet.error.request_uri");
        if (original instanceof String errorPath) {
            path = errorPath;
        }
        String page = path;
        model.put("lang", current.tag());
        model.put("alternates", Arrays.stream(Language.values())
                .map(language -> new Alternate(language.tag(), language.nativeName(),
                        SitePaths.inLanguage(page, language), language == current,
                        // search engines want the alternates' whole addresses (behind a proxy, its host and scheme)
                        ServletUriComponentsBuilder.fromContextPath(request).path(SitePaths.inLanguage(page, language))
                                .toUriString()))
                .toList());
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        model.put("signedIn", user instanceof OAuth2AuthenticationToken);
        model.put("userName", userName(user));
    }

    /** The signed-in resident's name as the identity provider gives it (their username otherwise). */
    private static String userName(Authentication user) {
        if (user instanceof OAuth2AuthenticationToken token && token.getPrincipal() instanceof OidcUser oidc) {
            if (oidc.getFullName() != null && !oidc.getFullName().isBlank()) {
                return oidc.getFullName();
            }
            return oidc.getPreferredUsername() != null ? oidc.getPreferredUsername() : oidc.getSubject();
        }
        return null;
    }
}
