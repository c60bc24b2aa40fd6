package org.citypromise.backbone;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Hostile path variables: ids and slugs no service has, and the percent-encoding that sends them as they are. */
public final class HostilePaths {

    private HostilePaths() {
    }

    /**
     * Hostile ids for a path segment (a city's id, a slug), before {@link #segment}: operators, injections, case,
     * control characters, too long, dots and slashes; {@code more} adds those of one service.
     */
    public static List<String> hostileIds(String... more) {
        List<String> ids = new ArrayList<>(List.of("{\"$gt\":\"\"}", "$gt", "$where", "' || '1'=='1",
                "<script>alert(1)</script>", "fuzz city", "fuzz\u0000", "x".repeat(65), "-fuzz", "séoul", "\u202Efuzz", "😀",
                "..", "%2e%2e", "a/b", "a\\b", " "));
        ids.addAll(List.of(more));
        return ids;
    }

    /** Percent-encodes everything but unreserved characters: a path segment as hostile as it comes. */
    public static String segment(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
