package org.citypromise.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

import java.util.Map;

/**
 * Sign-up of a new resident. Bad input is answered on the page (400), each problem named at its field and listed
 * in a summary on top; nothing is stored. A new resident is signed in at once and sent on where they were going
 * (back to the web site's authorization request, typically), as after the sign-in form.
 */
@Controller
class SignUpPage {

    private final Accounts accounts;
    private final RequestCache requestCache = new HttpSessionRequestCache();
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

    SignUpPage(Accounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/signup")
    String form(Model model) {
        model.addAttribute("form", SignUp.empty());
        model.addAttribute("problems", Map.of());
        return "signup";
    }

    @PostMapping("/signup")
    String signUp(@ModelAttribute SignUp form, Model model, HttpServletRequest request, HttpServletResponse response) {
        Map<String, String> problems = form.problems();
        if (problems.isEmpty() && !accounts.registerResident(form.subject(), form.password(), form.displayName())) {
            problems = Map.of("username", "Username " + form.subject() + " is taken: choose another one");
        }
        if (!problems.isEmpty()) {
            // never echo the password back into the page
            model.addAttribute("form", new SignUp(form.username(), "", form.displayName()));
            model.addAttribute("problems", problems);
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return "signup";
        }
        signIn(accounts.signIn(form.subject(), form.password()), request, response);
        SavedRequest saved = requestCache.getRequest(request, response);
        return "redirect:" + (saved == null ? "/" : saved.getRedirectUrl());
    }

    private void signIn(Authentication resident, HttpServletRequest request, HttpServletResponse response) {
        if (request.getSession(false) != null) {
            request.changeSessionId(); // a new session id for the signed-in session (session fixation)
        }
        SecurityContext context = holder.createEmptyContext();
        context.setAuthentication(resident);
        holder.setContext(context);
        contexts.saveContext(context, request, response);
    }
}
