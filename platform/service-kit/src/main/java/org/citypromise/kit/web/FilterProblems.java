package org.citypromise.kit.web;

import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * RFC 9457 problems written by the servlet filters (authentication, rate limits, body size), which answer
 * before Spring MVC and each service's exception handlers are reached: the same shape, one field named.
 */
public final class FilterProblems {

    private FilterProblems() {
    }

    /** The reason must be plain text without quotes or backslashes: it is written into the JSON as it is. */
    public static void write(HttpServletResponse response, int status, String type, String title, String field,
                             String reason) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(status);
        response.setContentType("application/problem+json");
        // bytes, not the writer: the writer would add a charset parameter to the media type
        response.getOutputStream().write(("{\"type\":\"urn:citypromise:problem:" + type + "\",\"title\":\"" + title
                + "\",\"status\":" + status + ",\"detail\":\"" + field + " " + reason + "\",\"errors\":[{\"field\":\""
                + field + "\",\"reason\":\"" + reason + "\"}]}").getBytes(StandardCharsets.UTF_8));
    }
}
