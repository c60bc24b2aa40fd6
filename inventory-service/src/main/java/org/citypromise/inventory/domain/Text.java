package org.citypromise.inventory.domain;

/**
 * Free text (a city's name, a factor's source): any script, but no control characters (NUL, escape sequences,
 * line breaks that forge log lines) and no bidirectional overrides (which make text display as something else).
 */
final class Text {

    static final String RULE = "must not contain control characters or bidirectional overrides";

    private Text() {
    }

    /** Whether {@code text} (null: nothing to check) holds none of those. */
    static boolean isPrintable(String text) {
        return text == null || text.codePoints().noneMatch(c -> Character.getType(c) == Character.CONTROL
                || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x061C || c == 0x200E
                || c == 0x200F || Character.getType(c) == Character.SURROGATE);
    }
}
