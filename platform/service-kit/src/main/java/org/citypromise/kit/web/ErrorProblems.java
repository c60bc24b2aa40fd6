package org.citypromise.kit.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Problems for the errors Spring MVC's handlers never see: requests refused by the security filters' firewall
 * (an encoded semicolon in the path, ...) or failing in a filter reach the error page ({@code /error}); requests
 * Tomcat itself refuses (an encoded NUL, slash or backslash in the path) get its error report. Both answer an
 * RFC 9457 problem like the API's other errors instead of Spring's JSON or Tomcat's HTML page.
 * Hidden from the OpenAPI documents: {@code /error} is the container's error page, no operation of the API.
 */
@Hidden
@RestController
public class ErrorProblems implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<Object> error(HttpServletRequest request) {
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code ? code : 500;
        HttpStatus known = HttpStatus.resolve(status);
        // a 5xx says nothing of its cause; a 4xx says what was refused
        String reason = reason(request, status);
        String detail = status >= 500
                || !(request.getAttribute(RequestDispatcher.ERROR_MESSAGE) instanceof String message)
                || message.isBlank() ? reason : message;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                known == null ? HttpStatus.INTERNAL_SERVER_ERROR : known, detail);
        problem.setStatus(status);
        problem.setTitle(ApiLanguages.text(request, statusKey(status)));
        if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) {
            try {
                problem.setInstance(java.net.URI.create(uri));
            } catch (IllegalArgumentException unparseable) {
                problem.setInstance(null);
            }
        }
        problem.setProperty("errors", List.of(Map.of("field", "request", "reason", reason)));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.CONTENT_LANGUAGE, ApiLanguages.of(request).toLanguageTag())
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE).body(problem);
    }

    static String reason(HttpServletRequest request, int status) {
        return ApiLanguages.text(request, status >= 500 ? "kit.reason.internal-error" : "kit.reason.request-refused");
    }

    /** The key of a status's title (its detail: the key + {@code .detail}); a general one for the rarer statuses. */
    static String statusKey(int status) {
        return switch (status) {
            case 400, 401, 403, 404, 405, 406, 413, 415, 429, 500, 503 -> "kit.status." + status;
            default -> status >= 500 ? "kit.status.500" : "kit.status.400";
        };
    }

    /** Tomcat's own error report (its HTML page) replaced by a problem. */
    @Component
    static class TomcatErrorReport implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                // the host adds a valve of this class at start unless it has one: ours, not Tomcat's HTML one
                if (context.getParent() instanceof StandardHost standardHost) {
                    standardHost.setErrorReportValveClass(ProblemReportValve.class.getName());
                }
                Pipeline host = context.getParent().getPipeline();
                for (Valve valve : host.getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        host.removeValve(valve);
                    }
                }
                host.addValve(new ProblemReportValve());
            });
        }
    }

    /** Public, with a public constructor: Tomcat's host may make one itself. */
    public static class ProblemReportValve extends ErrorReportValve {

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            try {
                response.setContentType("application/problem+json");
                response.setHeader(HttpHeaders.CONTENT_LANGUAGE, ApiLanguages.of(request).toLanguageTag());
                response.addHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE);
                String reason = reason(request, status);
                response.getOutputStream().write(("{\"title\":" + FilterProblems.json(ApiLanguages.text(request,
                        statusKey(status))) + ",\"status\":" + status + ",\"detail\":"
                        + FilterProblems.json(ApiLanguages.text(request, "kit.detail", "request", reason))
                        + ",\"errors\":[{\"field\":\"request\",\"reason\":" + FilterProblems.json(reason) + "}]}")
                        .getBytes(StandardCharsets.UTF_8));
                response.finishResponse();
            } catch (IOException | IllegalStateException e) {
                // the client went away: nothing to answer
            }
        }
    }
}
