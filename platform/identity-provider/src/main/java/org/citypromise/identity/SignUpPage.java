package org.citypromise.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
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

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sign-up of a new resident. Bad input is answered on the page (400), each problem named at its field and listed
 * in a summary on top; nothing is stored. A new resident is signed in at once and sent on where they were going
 * (back to the web site's authorization request, typically), as after the sign-in form.
 */
@Controller
class SignUpPage {

    private final Accounts accounts;
    private final MessageSource messages;
    private final RequestCache requestCache = new HttpSessionRequestCache();
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

    SignUpPage(Accounts accounts, MessageSource messages) {
        this.accounts = accounts;
        this.messages = messages;
    }

    @GetMapping("/signup")
    String form(Model model) {
        model.addAttribute("form", SignUp.empty());
        model.addAttribute("problems", Map.of());
        return page(model);
    }

    @PostMapping("/signup")
    String signUp(@ModelAttribute SignUp form, Model model, HttpServletRequest request, HttpServletResponse response,
                  Locale language) {
        Map<String, SignUp.Problem> problems = form.problems();
        if (problems.isEmpty() && !accounts.registerResident(form.subject(), form.password(), form.displayName())) {
            problems = Map.of("username", SignUp.Problem.of("username.taken", form.subject()));
        }
        if (!problems.isEmpty()) {
            // never echo the password back into the page
            model.addAttribute("form", new SignUp(form.username(), "", form.displayName()));
            Map<String, String> said = new LinkedHashMap<>();
            problems.forEach((field, problem) ->
                    said.put(field, messages.getMessage(problem.code(), problem.arguments(), language)));
            model.addAttribute("problems", said);
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return page(model);
        }
        signIn(accounts.signIn(form.subject(), form.password()), request, response);
        SavedRequest saved = requestCache.getRequest(request, response);
        return "redirect:" + (saved == null ? "/" : saved.getRedirectUrl());
    }

    /** The form with the limits its hints state (the same that {@link SignUp} checks). */
    private static String page(Model model) {
        model.addAttribute("minUsername", SignUp.MIN_USERNAME);
        model.addAttribute("maxUsername", SignUp.MAX_USERNAME);
        model.addAttribute("minPassword", SignUp.MIN_PASSWORD);
        return "signup";
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
