package org.citypromise.web.web;

import jakarta.servlet.http.HttpServletRequest;
import org.citypromise.web.api.ServiceRefused;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/** What goes wrong on the pages of a signed-in resident: a pledge not theirs or gone, a sign-in that ran out. */
@ControllerAdvice(assignableTypes = {PledgeFlow.class, MyPledges.class})
class SignedInPages {

    @ExceptionHandler(UnknownPledge.class)
    ModelAndView unknownPledge(HttpServletRequest request) {
        return ErrorPages.page("error/404", HttpStatus.NOT_FOUND, request);
    }

    /**
     * A service answered 401 (the session's tokens expired and could not be refreshed) or 403: sign in
     * again, which comes back to the page; any other refusal is a failure of ours.
     */
    @ExceptionHandler(ServiceRefused.class)
    ModelAndView refused(ServiceRefused refused, HttpServletRequest request) {
        if (refused.status().value() == HttpStatus.UNAUTHORIZED.value()) {
            request.getSession().invalidate();
            return new ModelAndView("redirect:" + request.getRequestURI().replaceFirst("^(/[a-z]{2,3})/.*$", "$1/sign-in"));
        }
        return ErrorPages.page("error/503", HttpStatus.BAD_GATEWAY, request);
    }
}
