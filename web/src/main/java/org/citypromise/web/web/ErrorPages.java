package org.citypromise.web.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.citypromise.web.api.ServiceRefused;
import org.citypromise.web.api.ServiceUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * Failures as pages in the visitor's language: an unknown city or pledge, a sign-in that ran out, a service that
 * is down. Never a stack trace.
 */
@ControllerAdvice
class ErrorPages {

    private static final Logger log = LoggerFactory.getLogger(ErrorPages.class);

    @ExceptionHandler({UnknownCity.class, UnknownPledge.class})
    ModelAndView unknown(HttpServletRequest request) {
        return page("error/404", HttpStatus.NOT_FOUND, request);
    }

    @ExceptionHandler(ServiceUnavailable.class)
    ModelAndView unavailable(ServiceUnavailable e, HttpServletRequest request, HttpServletResponse response) {
        log.warn("answering 503: {}", e.getMessage());
        response.setHeader("Retry-After", "30");
        return page("error/503", HttpStatus.SERVICE_UNAVAILABLE, request);
    }

    /**
     * A refusal a page did not expect (its own forms handle theirs). 401: the session's tokens expired and could
     * not be refreshed, so sign in again, which comes back to the page; anything else said plainly, as a failure
     * of ours.
     */
    @ExceptionHandler(ServiceRefused.class)
    ModelAndView refused(ServiceRefused e, HttpServletRequest request) {
        if (e.status().value() == HttpStatus.UNAUTHORIZED.value()) {
            request.getSession().invalidate();
            return new ModelAndView("redirect:/" + SiteLocales.language(request).tag() + "/sign-in");
        }
        log.warn("a service refused a page's call: {}", e.getMessage());
        return page("error/503", HttpStatus.BAD_GATEWAY, request);
    }

    /** An error page with the layout's model (exception handlers get none of the controller advice's). */
    static ModelAndView page(String view, HttpStatus status, HttpServletRequest request) {
        ModelAndView page = new ModelAndView(view, status);
        SiteModel.fill(page.getModel(), request);
        return page;
    }
}
