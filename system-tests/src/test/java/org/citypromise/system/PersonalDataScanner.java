package org.citypromise.system;

import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Looks for given values in raw bytes, in every form they could plausibly take there: as UTF-8, JSON-escaped
 * (backslash-u and four hex digits, as a serializer escaping non-ASCII writes them), decomposed (NFD), URL-encoded, and
 * case-insensitively (every haystack and every form is compared in lower case). Phone numbers also as
 * their digits alone. Every hit is kept with where it was and the text around it.
 */
final class PersonalDataScanner {

    /** A value to look for: whose it is, what it is ("displayName", "contact", ...) and its value. */
    record Needle(String owner, String kind, String value, boolean erased) {
    }

    record Hit(Needle needle, String zone, String location, String form, String context) {
        @Override
        public String toString() {
            return "[" + zone + "] " + location + ": " + needle.kind() + " of " + needle.owner() + " \"" + needle.value()
                    + "\" (as " + form + ") in ..." + context + "...";
        }
    }

    /** What was scanned in one source, e.g. one topic or one collection. */
    static final class Source {
        final String zone;
        final String name;
        long items;
        long bytes;

        Source(String zone, String name) {
            this.zone = zone;
            this.name = name;
        }
    }

    private record Form(String label, String lowerCase) {
    }

    private final Map<Needle, List<Form>> needles = new LinkedHashMap<>();
    private final List<Hit> hits = new ArrayList<>();
    private final Map<String, Source> sources = new LinkedHashMap<>();

    void lookFor(Needle needle) {
        Map<String, String> forms = new LinkedHashMap<>();
        String value = needle.value();
        forms.putIfAbsent(lower(value), "UTF-8");
        forms.putIfAbsent(lower(jsonEscaped(value, false)), "JSON-escaped non-ASCII");
        forms.putIfAbsent(lower(jsonEscaped(value, true)), "JSON-escaped non-alphanumeric");
        forms.putIfAbsent(lower(Normalizer.normalize(value, Normalizer.Form.NFD)), "NFD");
        forms.putIfAbsent(lower(jsonEscaped(Normalizer.normalize(value, Normalizer.Form.NFD), false)),
                "NFD, JSON-escaped");
        forms.putIfAbsent(lower(URLEncoder.encode(value, StandardCharsets.UTF_8)), "URL-encoded");
        forms.putIfAbsent(lower(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")),
                "URL-encoded (%20)");
        if (needle.kind().equals("contact") && !value.contains("@")) {
            String digits = value.replaceAll("[^0-9]", "");
            if (digits.length() >= 8) {
                forms.putIfAbsent(digits, "phone digits only");
            }
        }
        List<Form> list = new ArrayList<>();
        forms.forEach((form, label) -> list.add(new Form(label, form)));
        needles.put(needle, list);
    }

    /**
     * Scans one part (a record's key, a header, a value, a document, an HTTP answer...) of an item of a source;
     * the caller counts the items ({@link #source}).
     */
    void scan(String zone, String sourceName, String location, byte[] bytes) {
        Source source = source(zone, sourceName);
        if (bytes == null) {
            return;
        }
        source.bytes += bytes.length;
        String text = decode(bytes);
        String haystack = lower(text);
        boolean sameLength = haystack.length() == text.length();
        needles.forEach((needle, forms) -> {
            for (Form form : forms) {
                int at = haystack.indexOf(form.lowerCase());
                while (at >= 0) {
                    String around = sameLength ? text : haystack;
                    int from = Math.max(0, at - 120);
                    int to = Math.min(around.length(), at + form.lowerCase().length() + 120);
                    hits.add(new Hit(needle, zone, sourceName + " / " + location, form.label(),
                            printable(around.substring(from, to))));
                    at = haystack.indexOf(form.lowerCase(), at + 1);
                }
            }
        });
    }

    /** A source, to count its items. */
    Source source(String zone, String sourceName) {
        return sources.computeIfAbsent(zone + "|" + sourceName, any -> new Source(zone, sourceName));
    }

    List<Hit> hits() {
        return hits;
    }

    List<Hit> hitsIn(String zone) {
        return hits.stream().filter(hit -> hit.zone().equals(zone)).toList();
    }

    Map<String, Source> sources() {
        return sources;
    }

    Set<Needle> needles() {
        return needles.keySet();
    }

    int forms() {
        return needles.values().stream().mapToInt(List::size).sum();
    }

    /** Which needles were found in this zone, by kind. */
    Map<String, Set<String>> foundIn(String zone) {
        Map<String, Set<String>> found = new TreeMap<>();
        for (Hit hit : hitsIn(zone)) {
            found.computeIfAbsent(hit.needle().kind(), any -> new LinkedHashSet<>()).add(hit.needle().value());
        }
        return found;
    }

    static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    /** UTF-8 where it is; anything else (binary parts of BSON, of a Kafka record) as U+FFFD. */
    static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The value as a JSON string's content: non-ASCII as backslash-u escapes (as Jackson's ESCAPE_NON_ASCII, or
     * a JavaScript serializer, writes it); with {@code everything}, every character that is not a letter or
     * digit too (as some serializers escape ', &amp;, &lt;, &gt;, =, @).
     */
    static String jsonEscaped(String value, boolean everything) {
        StringBuilder escaped = new StringBuilder();
        for (char c : value.toCharArray()) {
            boolean plain = everything ? (c < 0x80 && (Character.isLetterOrDigit(c) || c == ' ' || c == '.'))
                    : (c >= 0x20 && c < 0x7f && c != '"' && c != '\\');
            if (plain) {
                escaped.append(c);
            } else {
                escaped.append(String.format("\\u%04x", (int) c));
            }
        }
        return escaped.toString();
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) || c == 0xfffd ? '.' : c));
        return out.toString();
    }
}
