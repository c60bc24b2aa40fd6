package org.citypromise.identity;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sign-in form (Spring Security's form login processes its POST) and the page a resident lands on when they
 * signed in here directly rather than coming from the web site.
 */
@Controller
class SignInPages {

    private final Accounts accounts;
    private final IdentityProperties properties;

    SignInPages(Accounts accounts, IdentityProperties properties) {
        this.accounts = accounts;
        this.properties = properties;
    }

    /** {@code ?error}: Spring Security's answer to a wrong username or password; {@code ?logout}: signed out. */
    @GetMapping("/login")
    String signIn(@RequestParam(required = false) String error, @RequestParam(required = false) String logout, Model model) {
        model.addAttribute("failed", error != null);
        model.addAttribute("signedOut", logout != null);
        return "login";
    }

    @GetMapping("/")
    String signedIn(Authentication user, Model model) {
        model.addAttribute("username", user.getName());
        model.addAttribute("displayName", accounts.displayName(user.getName()).orElse(user.getName()));
        model.addAttribute("roles", AccountRoles.roles(user.getAuthorities()));
        // the web site's root, where it may send a browser after signing out
        model.addAttribute("webSite", properties.webClient().postLogoutRedirectUris().stream().findFirst().orElse(null));
        return "home";
    }
}
