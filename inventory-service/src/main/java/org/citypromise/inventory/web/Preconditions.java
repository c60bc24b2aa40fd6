package org.citypromise.inventory.web;

import org.citypromise.inventory.domain.InvalidInput;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Conditional requests: the version a client's {@code If-Match} names (our ETags are the version). */
final class Preconditions {

    private static final Pattern VERSION_TAG = Pattern.compile("(?:W/)?\"?(\\d{1,18})\"?");

    private Preconditions() {
    }

    static OptionalLong expectedVersion(String ifMatch) {
        if (ifMatch == null) {
            return OptionalLong.empty();
        }
        Matcher matcher = VERSION_TAG.matcher(ifMatch.trim());
        if (!matcher.matches()) {
            throw InvalidInput.of("If-Match", "must be the ETag of the version you read, e.g. \"3\"");
        }
        return OptionalLong.of(Long.parseLong(matcher.group(1)));
    }
}
