package org.citypromise.backbone;

import org.citypromise.backbone.HostileRequests.Request;

import java.util.List;
import java.util.Random;

import static org.citypromise.backbone.HostileValues.pick;

/**
 * Hostile and harmless headers: Content-Types that are no JSON, JSON written otherwise, Accept headers, trace and
 * forwarding headers, chunked bodies, and tokens that are odd but valid.
 */
public final class HostileHeaders {

    private HostileHeaders() {
    }

    /** Content-Types of no JSON: refused. */
    public static final List<String> BREAKING_CONTENT_TYPES = List.of("", "text/plain", "application/x-www-form-urlencoded",
            "application/xml", "text/xml", "multipart/form-data; boundary=x", "text/html", "application/octet-stream",
            "garbage", "application/json; charset=nope", "image/png", "*/*", "application/", "text/json");
    /** JSON written otherwise: taken as JSON. */
    public static final List<String> SPICE_CONTENT_TYPES = List.of("application/json;charset=UTF-8", "application/json; charset=utf-8",
            "APPLICATION/JSON", "application/json;q=0.5", "application/json; boundary=\"x\"");
    /** Accept headers JSON answers satisfy: they change nothing. */
    public static final List<String> ACCEPTS = List.of("*/*", "application/json", "application/*",
            "application/json, text/plain;q=0.5", "*/*;q=0.8", "APPLICATION/JSON", "text/plain;q=1, */*;q=0");
    /** Accept headers that rule JSON out (or are no media types): refused (406, or 400) before anything is done. */
    public static final List<String> UNACCEPTABLE = List.of("text/html", "application/xml", "image/png",
            "application/problem+json", "garbage");

    /** Headers anyone may add: they change nothing (but one time in sixteen an Accept that rules JSON out). */
    public static void spiceHeaders(Random random, Request request) {
        int accept = random.nextInt(16);
        if (accept < 3) {
            request.headers.put("Accept", pick(random, ACCEPTS));
        } else if (accept == 3) {
            request.put("Accept", pick(random, UNACCEPTABLE), "break:accept");
        }
        if (random.nextInt(8) == 0) {
            request.headers.put("traceparent", pick(random, List.of("00-xyz-abc-01", "{\"$gt\":\"\"}",
                    "00-00000000000000000000000000000000-0000000000000000-00", "ff-" + "f".repeat(32) + "-" + "f".repeat(16) + "-ff",
                    "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")));
        }
        if (random.nextInt(8) == 0) {
            request.headers.put("X-Forwarded-For", pick(random, List.of("127.0.0.1", "<script>", "1.1.1.1, 2.2.2.2", "::1")));
        }
        if (random.nextInt(20) == 0) {
            request.chunked = true;
            request.what.add("spice:chunked");
        }
    }

    /** {@link #spiceHeaders}, and one in eight times a token of {@code oddButAccepted} instead of the valid one. */
    public static void spiceAuthorization(Random random, Request request, List<String> oddButAccepted) {
        spiceHeaders(random, request);
        if (random.nextInt(8) == 0) {
            request.put("Authorization", pick(random, oddButAccepted), "spice:odd-but-valid-token");
        }
    }

    /** {@link #spiceAuthorization}, and one in eight times a Content-Type that is JSON written otherwise. */
    public static void spice(Random random, Request request, List<String> oddButAccepted) {
        spiceAuthorization(random, request, oddButAccepted);
        if (random.nextInt(8) == 0) {
            request.headers.put("Content-Type", pick(random, SPICE_CONTENT_TYPES));
        }
    }
}
