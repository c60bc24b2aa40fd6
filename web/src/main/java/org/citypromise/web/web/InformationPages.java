package org.citypromise.web.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.view.RedirectView;

/** The privacy notice, the accessibility statement, and signing in from any page. */
@Controller
class InformationPages {

    @GetMapping("/" + SitePaths.LANG + "/privacy")
    String privacy() {
        return "privacy";
    }

    @GetMapping("/" + SitePaths.LANG + "/accessibility")
    String accessibility() {
        return "accessibility";
    }

    /**
     * Needs a signed-in visitor, so asking for it starts the sign-in; once signed in, the saved request
     * brings the visitor here again and on to the home page in their language.
     */
    @GetMapping("/" + SitePaths.LANG + "/sign-in")
    RedirectView signIn(@PathVariable String lang) {
        RedirectView home = new RedirectView("/" + lang + "/", true);
        home.setExposeModelAttributes(false);
        return home;
    }
}
