package org.citypromise.kit.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * RFC 9457 problems written by the servlet filters (authentication, rate limits, body size), which answer
 * before Spring MVC and each service's exception handlers are reached: the same shape, one field named, the texts
 * in the request's language ({@link ApiLanguages}).
 */
public final class FilterProblems {

    private FilterProblems() {
    }

    /** The title and reason are given in the language {@link ApiLanguages#of} chooses for the request. */
    public static void write(HttpServletRequest request, HttpServletResponse response, int status, String type,
                             String title, String field, String reason) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setHeader("Content-Language", ApiLanguages.of(request).toLanguageTag());
        response.addHeader("Vary", "Accept-Language");
        // bytes, not the writer: the writer would add a charset parameter to the media type
        response.getOutputStream().write(body(status, type, title, ApiLanguages.text(request, "kit.detail", field, reason),
                field, reason));
    }

    /** As above, in English, where the request is not at hand. */
    public static void write(HttpServletResponse response, int status, String type, String title, String field,
                             String reason) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setHeader("Content-Language", "en");
        response.getOutputStream().write(body(status, type, title, field + " " + reason, field, reason));
    }

    private static byte[] body(int status, String type, String title, String detail, String field, String reason) {
        return ("{\"type\":\"urn:citypromise:problem:" + type + "\",\"title\":" + json(title) + ",\"status\":" + status
                + ",\"detail\":" + json(detail) + ",\"errors\":[{\"field\":" + json(field) + ",\"reason\":"
                + json(reason) + "}]}").getBytes(StandardCharsets.UTF_8);
    }

    /** A problem of the kit's own, its title and reason from the kit's messages. */
    static void writeOwn(HttpServletRequest request, HttpServletResponse response, int status, String type,
                         String field, String reasonKey, Object... arguments) throws IOException {
        write(request, response, status, type, ApiLanguages.text(request, "kit.title." + type), field,
                ApiLanguages.text(request, reasonKey, arguments));
    }

    /** A JSON string: translations may hold quotes, and the header or field names come from the client. */
    static String json(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }
}
