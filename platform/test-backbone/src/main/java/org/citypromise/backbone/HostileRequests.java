package org.citypromise.backbone;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.citypromise.local.DevTokenIssuer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Hostile requests for the fuzz tests: valid bodies mutated (fields dropped, nulled, retyped, given operator
 * objects, huge or odd numbers, hostile strings, unknown and duplicate keys, deep nesting), raw garbage,
 * wrong content types, forged tokens and tokens of the wrong role, hostile path variables — each request
 * carries at least one mutation that makes it certainly invalid ("breaking"), plus a few that may or may
 * not be ("spice"), so that none of them may be stored. Sent over real HTTP/1.1 by a few concurrent senders;
 * every answer is checked: no 5xx, an RFC 9457 problem whose status is the HTTP status, naming what is
 * wrong. Shared by every service's fuzz tests (HostileInputIntegrationTest in each).
 */
public final class HostileRequests {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    public static final String SEED_PROPERTY = "citypromise.fuzz.seed";
    public static final String COUNT_PROPERTY = "citypromise.fuzz.requests";

    private HostileRequests() {
    }

    /** The seed: -Dcitypromise.fuzz.seed=... to repeat a run, else a new one (printed). */
    public static long seed() {
        String given = System.getProperty(SEED_PROPERTY);
        return given == null || given.isBlank() ? System.nanoTime() : Long.parseLong(given.trim());
    }

    /** Requests per endpoint: -Dcitypromise.fuzz.requests=..., 10,000 by default. */
    public static int count() {
        String given = System.getProperty(COUNT_PROPERTY);
        return given == null || given.isBlank() ? 10_000 : Integer.parseInt(given.trim());
    }

    // ---------------------------------------------------------------- requests

    /** One request to send; {@code what} says how it was made hostile. */
    public static final class Request {
        public String method;
        public String path;
        public final Map<String, String> headers = new LinkedHashMap<>();
        public byte[] body;
        public boolean chunked;
        public final List<String> what = new ArrayList<>();
        /** Success statuses this request may legitimately get (a valid token doing what it may); none by default. */
        public final java.util.Set<Integer> allowedSuccess = new java.util.HashSet<>();

        public Request(String method, String path) {
            this.method = method;
            this.path = path;
        }

        /** Sets a header and says so in {@code what} (e.g. "break:forged-token"). */
        public Request put(String header, String value, String why) {
            headers.put(header, value);
            what.add(why);
            return this;
        }

        @Override
        public String toString() {
            String shown = body == null ? "" : new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
            return method + " " + path + " " + what + " headers=" + shownHeaders() + " body(" + (body == null ? 0 : body.length)
                    + (chunked ? ",chunked" : "") + ")=" + shown.replaceAll("\\p{Cntrl}", "?");
        }

        /** The headers with their values, a long one (a token) cut short. */
        private String shownHeaders() {
            Map<String, String> shown = new LinkedHashMap<>();
            headers.forEach((name, value) -> shown.put(name, value.length() > 40 ? value.substring(0, 40) + "..." : value));
            return shown.toString();
        }
    }

    // ---------------------------------------------------------------- JSON with anything in it

    /** JSON text put as it is: invalid tokens, deep nesting. */
    public record Raw(String text) {
    }

    /** A JSON object that may hold a key twice. */
    public static final class Obj {
        public final List<String> keys = new ArrayList<>();
        public final List<Object> values = new ArrayList<>();

        public static Obj of(Object... keysAndValues) {
            Obj obj = new Obj();
            for (int i = 0; i < keysAndValues.length; i += 2) {
                obj.add((String) keysAndValues[i], keysAndValues[i + 1]);
            }
            return obj;
        }

        public Obj add(String key, Object value) {
            keys.add(key);
            values.add(value);
            return this;
        }

        public boolean has(String key) {
            return keys.contains(key);
        }

        public Object get(String key) {
            int i = keys.indexOf(key);
            return i < 0 ? null : values.get(i);
        }

        public void set(String key, Object value) {
            int i = keys.indexOf(key);
            if (i < 0) {
                add(key, value);
            } else {
                values.set(i, value);
            }
        }

        public void remove(String key) {
            int i;
            while ((i = keys.indexOf(key)) >= 0) {
                keys.remove(i);
                values.remove(i);
            }
        }
    }

    public static String json(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Raw raw) {
            out.append(raw.text());
        } else if (value instanceof String s) {
            out.append('"');
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    default -> {
                        if (c < 0x20 || (c >= 0xD800 && c <= 0xDFFF)) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        } else if (value instanceof Obj obj) {
            out.append('{');
            for (int i = 0; i < obj.keys.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(obj.keys.get(i), out);
                out.append(':');
                write(obj.values.get(i), out);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(list.get(i), out);
            }
            out.append(']');
        } else {
            out.append(value); // numbers, booleans
        }
    }

    public static Object copy(Object value) {
        if (value instanceof Obj obj) {
            Obj copy = new Obj();
            for (int i = 0; i < obj.keys.size(); i++) {
                copy.add(obj.keys.get(i), copy(obj.values.get(i)));
            }
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(item -> copy.add(copy(item)));
            return copy;
        }
        return value;
    }

    // ---------------------------------------------------------------- hostile values

    public static <T> T pick(Random random, List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    public static final List<Object> OPERATORS = List.of(
            Obj.of("$gt", ""), Obj.of("$ne", null), Obj.of("$where", "function() { sleep(5000); return true; }"),
            Obj.of("$regex", ".*"), Obj.of("$in", List.of("a", "b")), Obj.of("$exists", true),
            Obj.of("$expr", Obj.of("$gt", List.of("$population", 0))), Obj.of("$set", Obj.of("version", 0)),
            Obj.of("__proto__", Obj.of("isAdmin", true)), Obj.of("constructor", Obj.of("prototype", Obj.of())),
            Obj.of("$gt", "", "$lt", "~"), Obj.of());

    /** Strings that are no enum value, code, slug or date of any field. */
    public static final List<String> STRINGS = List.of(
            "{\"$gt\":\"\"}", "$gt", "$where", "$ne", "'; return true; var x='", "\" || \"1\"==\"1", "' OR '1'='1",
            "admin'--", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)",
            "../../../../etc/passwd", "%00", "\u0000", "a\u0000b", "\u0007\u001b[31mred", "line\nbreak",
            "\r\nX-Injected: 1", "\u202Egnp.exe", "zero\u200Bwidth", "\uFEFFbom", "\uD800", "\uDC00x", "😀🔥",
            "İstanbul", "null", "true", "NaN", "1e400", "-0", "${jndi:ldap://127.0.0.1/a}", "{{7*7}}",
            "%s%s%s%n", "\\", "\\u0000", "x".repeat(300), "ÿ".repeat(130), "$", "$.", "a.b", "\t");

    /** Valid JSON numbers at the edges. */
    public static final List<String> HUGE_NUMBERS = List.of("1e400", "99999999999999999999999", "1E+2147483647",
            "12345678901234567890123456789012345678901234567890", "1e20", "9223372036854775808");
    public static final List<String> NEGATIVE_NUMBERS = List.of("-1", "-0.001", "-1e400", "-99999999999999999999999",
            "-9223372036854775809");
    public static final List<String> ODD_NUMBERS = List.of("-0", "0", "1.5", "1e-400", "1E-2147483647", "0.0",
            "0.1234567890123456789012345678901234567890123", "1.000000000000000000000000000000000000001", "2147483648",
            "1e3", "4.9e-324", "1.7976931348623157e308");
    /** Not JSON at all where a value should be. */
    public static final List<String> INVALID_TOKENS = List.of("NaN", "Infinity", "-Infinity", "0x10", "01", "+1", ".5",
            "1.", "1_000", "undefined", "'single'", "True", "nul", "1e", "--1", "\"unterminated", "[1,]", "{,}");

    public static Raw deepNesting(Random random) {
        int depth = 600 + random.nextInt(3000);
        return random.nextBoolean() ? new Raw("[".repeat(depth) + "]".repeat(depth))
                : new Raw("{\"a\":".repeat(depth) + "1" + "}".repeat(depth));
    }

    public static String longString(Random random, int max) {
        int length = max + 1 + random.nextInt(max + 50);
        return pick(random, List.of("x", "é", "\u0000", "<", "$")).repeat(length);
    }

    /** Not a string, not a number: an operator object, an array, a boolean, deep nesting. */
    public static Object nonScalar(Random random) {
        return switch (random.nextInt(6)) {
            case 0, 1 -> copy(pick(random, OPERATORS));
            case 2 -> pick(random, List.of(List.of(), List.of(1, 2), List.of(Obj.of("$gt", "")), Collections.singletonList(null)));
            case 3 -> random.nextBoolean();
            case 4 -> deepNesting(random);
            default -> Obj.of("value", copy(pick(random, OPERATORS)));
        };
    }

    /** Anything hostile, valid for some field or not. */
    public static Object anything(Random random) {
        return switch (random.nextInt(8)) {
            case 0, 1 -> nonScalar(random);
            case 2, 3 -> pick(random, STRINGS);
            case 4 -> new Raw(pick(random, HUGE_NUMBERS));
            case 5 -> new Raw(pick(random, NEGATIVE_NUMBERS));
            case 6 -> new Raw(pick(random, ODD_NUMBERS));
            default -> null;
        };
    }

    /** What a field holds, and so what certainly is not valid in it. */
    public enum Kind {
        /** One of a few values (an enum, a code, a reference number, a slug). */
        ENUM,
        /** Free text up to a length, no control characters. */
        TEXT,
        /** An ISO date. */
        DATE,
        /** A whole number with a positive minimum and a maximum. */
        INT,
        /** A decimal above 0, with a maximum. */
        POSITIVE,
        /** A decimal from 0, with a maximum. */
        AMOUNT,
        /** A non-empty list of objects. */
        OBJECTS,
        /** A list of enum values. */
        NAMES,
        /** A non-empty map of gas names to amounts. */
        AMOUNTS_BY_NAME;

        public Object breaking(Random random, int maxLength) {
            int choice = random.nextInt(10);
            if (choice < 3) {
                return nonScalarFor(random);
            }
            return switch (this) {
                case ENUM -> choice < 8 ? pick(random, STRINGS) : new Raw(pick(random, anyNumbers()));
                case TEXT -> choice < 6 ? longString(random, maxLength)
                        : pick(random, List.of("\u0000", "a\u0000b", "\u0007\u001b[31mred", "line\nbreak", "\u202Egnp.exe",
                        "", "   ", "\t"));
                case DATE -> choice < 8 ? pick(random, STRINGS.stream().filter(s -> !s.isBlank()).toList())
                        : pick(random, List.of("2027-02-30", "2027-13-01", "31/12/2027", "2027-12-31T00:00:00Z", "+999999999-12-31"));
                case INT -> switch (choice % 4) {
                    case 0 -> pick(random, STRINGS);
                    case 1 -> new Raw(pick(random, HUGE_NUMBERS));
                    case 2 -> new Raw(pick(random, NEGATIVE_NUMBERS));
                    default -> new Raw(pick(random, List.of("1.5", "1e3", "2030.0", "1e-400", "0", "-0", "2147483648")));
                };
                case POSITIVE, AMOUNT -> switch (choice % 4) {
                    case 0 -> pick(random, STRINGS.stream().filter(s -> !s.isEmpty()).toList());
                    case 1 -> new Raw(pick(random, HUGE_NUMBERS));
                    case 2 -> new Raw(pick(random, NEGATIVE_NUMBERS));
                    default -> this == POSITIVE ? new Raw(pick(random, List.of("0", "-0", "0.0", "-0e10")))
                            : new Raw(pick(random, HUGE_NUMBERS));
                };
                case OBJECTS -> pick(random, List.of(List.of(), List.of(1), List.of("x"), List.of(List.of()),
                        List.of(Obj.of("$gt", "")), Collections.singletonList(null), "rows", 1, true, Obj.of("$gt", "")));
                case NAMES -> pick(random, List.of(List.of("$gt"), List.of("<script>"), List.of(Obj.of("$gt", "")),
                        List.of(1), List.of(List.of()), "I", 1, true, Obj.of("$in", List.of("I"))));
                case AMOUNTS_BY_NAME -> pick(random, List.of(Obj.of("$gt", ""), Obj.of("$gt", 1), Obj.of("CO2", "x"),
                        Obj.of("CO2", new Raw("-1")), Obj.of("CO2", Obj.of("$gt", "")), Obj.of(), Obj.of("CO2", new Raw("1e400")),
                        Obj.of("__proto__", 1), "CO2", 1, List.of(1)));
            };
        }

        private Object nonScalarFor(Random random) {
            Object value;
            do {
                value = nonScalar(random);
            } while (!breaksAsNonScalar(value));
            return value;
        }

        /** Whether a non-scalar value certainly breaks this field. */
        private boolean breaksAsNonScalar(Object value) {
            if (value instanceof Raw) {
                return true; // deep nesting: refused by the parser
            }
            return switch (this) {
                case OBJECTS -> !(value instanceof List<?> list) || list.isEmpty() || list.stream().anyMatch(java.util.Objects::isNull)
                        || list.stream().noneMatch(Obj.class::isInstance)
                        || list.stream().anyMatch(item -> item instanceof Obj obj && (obj.keys.isEmpty() || obj.has("$gt")));
                case NAMES -> !(value instanceof List<?>) || !((List<?>) value).isEmpty() && ((List<?>) value).stream().noneMatch(java.util.Objects::isNull);
                case AMOUNTS_BY_NAME -> true; // no operator object is a gas map; arrays and booleans are no map
                default -> true;
            };
        }

        private static List<String> anyNumbers() {
            List<String> all = new ArrayList<>(HUGE_NUMBERS);
            all.addAll(NEGATIVE_NUMBERS);
            all.addAll(ODD_NUMBERS);
            return all;
        }
    }

    /** A field of a body: where it is (keys and indexes), what it holds, whether it is required. */
    public record Slot(List<Object> path, Kind kind, boolean required, int maxLength) {

        public static Slot of(Kind kind, boolean required, Object... path) {
            return new Slot(List.of(path), kind, required, 120);
        }

        public static Slot text(int maxLength, boolean required, Object... path) {
            return new Slot(List.of(path), Kind.TEXT, required, maxLength);
        }

        public String name() {
            StringBuilder name = new StringBuilder();
            for (Object step : path) {
                name.append(step instanceof Integer i ? "[" + i + "]" : (name.isEmpty() ? "" : ".") + step);
            }
            return name.toString();
        }

        /** The object or list holding this field in {@code root}, or null when the mutations left none. */
        public Object parent(Object root) {
            Object at = root;
            for (Object step : path.subList(0, path.size() - 1)) {
                at = step(at, step);
                if (at == null) {
                    return null;
                }
            }
            Object last = path.get(path.size() - 1);
            return (last instanceof String && at instanceof Obj) || (last instanceof Integer i && at instanceof List<?> l
                    && i < l.size()) ? at : null;
        }

        private static Object step(Object at, Object step) {
            if (step instanceof String key && at instanceof Obj obj) {
                return obj.get(key);
            }
            if (step instanceof Integer index && at instanceof List<?> list && index < list.size()) {
                return list.get(index);
            }
            return null;
        }

        @SuppressWarnings("unchecked")
        public boolean set(Object root, Object value) {
            Object parent = parent(root);
            Object last = path.get(path.size() - 1);
            if (parent instanceof Obj obj) {
                obj.set((String) last, value);
                return true;
            }
            if (parent instanceof List<?> list) {
                ((List<Object>) list).set((Integer) last, value);
                return true;
            }
            return false;
        }

        public boolean drop(Object root) {
            if (parent(root) instanceof Obj obj && obj.has((String) path.get(path.size() - 1))) {
                obj.remove((String) path.get(path.size() - 1));
                return true;
            }
            return false;
        }
    }

    /** Keys no request body has. */
    public static final List<String> UNKNOWN_KEYS = List.of("$where", "$gt", "$set", "__proto__", "constructor", "_id",
            "outbox", "isAdmin", "owner", "", " ", "a.b", "rows.0", "$", "\u0000", "<script>", "x".repeat(500));

    /** Every JSON object in a body, the root first. */
    public static List<Obj> objects(Object value) {
        List<Obj> found = new ArrayList<>();
        collect(value, found);
        return found;
    }

    private static void collect(Object value, List<Obj> found) {
        if (value instanceof Obj obj) {
            found.add(obj);
            obj.values.forEach(child -> collect(child, found));
        } else if (value instanceof List<?> list) {
            list.forEach(child -> collect(child, found));
        }
    }

    // ---------------------------------------------------------------- bodies

    /** How a body is made hostile. */
    public record BodySpec(Obj valid, List<Slot> slots, boolean duplicateKeysRefused) {
    }

    /**
     * A hostile body from a valid one: a few spice mutations, then at least one breaking one; appends what
     * was done to {@code what}.
     */
    public static byte[] body(Random random, BodySpec spec, List<String> what, boolean mustBreak, int maxBytes) {
        Obj root = (Obj) copy(spec.valid());
        int spices = random.nextInt(4);
        for (int i = 0; i < spices; i++) {
            Slot slot = pick(random, spec.slots());
            switch (random.nextInt(4)) {
                case 0, 1 -> {
                    if (slot.set(root, anything(random))) {
                        what.add("spice:" + slot.name() + "=anything");
                    }
                }
                case 2 -> {
                    List<Obj> objects = objects(root);
                    Obj obj = pick(random, objects);
                    if (!obj.keys.isEmpty() && !spec.duplicateKeysRefused()) {
                        int k = random.nextInt(obj.keys.size());
                        obj.keys.add(0, obj.keys.get(k)); // the same key first with something else: the last one wins
                        obj.values.add(0, anything(random));
                        what.add("spice:duplicate-first");
                    }
                }
                default -> {
                    if (slot.kind() == Kind.TEXT && slot.set(root, pick(random, STRINGS))) {
                        what.add("spice:" + slot.name() + "=hostile-text");
                    }
                }
            }
        }
        if (!mustBreak) {
            return json(root).getBytes(StandardCharsets.UTF_8);
        }
        int breakers = 1 + (random.nextInt(3) == 0 ? 1 : 0);
        String text = null;
        for (int i = 0; i < breakers; i++) {
            int choice = random.nextInt(100);
            if (choice < 40) {
                Slot slot = pick(random, spec.slots());
                if (slot.set(root, slot.kind().breaking(random, slot.maxLength()))) {
                    what.add("break:" + slot.name() + "=" + slot.kind());
                    continue;
                }
            } else if (choice < 52) {
                List<Slot> required = spec.slots().stream().filter(Slot::required).toList();
                Slot slot = pick(random, required);
                boolean nulled = random.nextBoolean();
                if (nulled ? slot.set(root, null) : slot.drop(root)) {
                    what.add("break:" + slot.name() + (nulled ? "=null" : " dropped"));
                    continue;
                }
            } else if (choice < 62) {
                Obj obj = pick(random, objects(root));
                String key = pick(random, UNKNOWN_KEYS);
                if (!obj.has(key)) {
                    obj.add(key, anything(random));
                    what.add("break:unknown-key");
                    continue;
                }
            } else if (choice < 68) {
                Obj obj = pick(random, objects(root));
                if (!obj.keys.isEmpty()) {
                    int k = random.nextInt(obj.keys.size());
                    String key = obj.keys.get(k);
                    Slot slot = spec.slots().stream().filter(s -> s.path().get(s.path().size() - 1).equals(key)).findFirst()
                            .orElse(null);
                    if (spec.duplicateKeysRefused()) {
                        obj.add(key, random.nextBoolean() ? copy(obj.values.get(k)) : anything(random));
                        what.add("break:duplicate-key");
                        continue;
                    }
                    if (slot != null) { // the last one wins: a breaking one
                        obj.add(key, slot.kind().breaking(random, slot.maxLength()));
                        what.add("break:duplicate-key-last-breaking");
                        continue;
                    }
                }
            } else if (choice < 74) {
                Slot slot = pick(random, spec.slots());
                if (slot.set(root, new Raw(pick(random, INVALID_TOKENS)))) {
                    what.add("break:invalid-token");
                    continue;
                }
            } else if (choice < 78) {
                Slot slot = pick(random, spec.slots());
                if (slot.set(root, deepNesting(random))) {
                    what.add("break:deep-nesting");
                    continue;
                }
            }
            // the rest: the text itself, once (a second change could undo the first: a truncation of what was appended)
            if (text != null) {
                continue;
            }
            text = json(root);
            switch (random.nextInt(6)) {
                case 0 -> {
                    text = text.substring(0, random.nextInt(text.length()));
                    what.add("break:truncated");
                }
                case 1 -> {
                    text = text + pick(random, List.of(" {\"$gt\":\"\"}", ",", "]", "}", " // comment", " x", "{}", " null"));
                    what.add("break:trailing");
                }
                case 2 -> {
                    text = pick(random, List.of("/* c */", "'", "[", "\u0000", ")]}'\n")) + text;
                    what.add("break:leading");
                }
                case 3 -> {
                    text = new String(garbage(random), StandardCharsets.ISO_8859_1);
                    what.add("break:garbage");
                    return garbage(random);
                }
                case 4 -> {
                    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                    int quote = text.indexOf('"') + 1;
                    byte[] broken = new byte[bytes.length + 2];
                    System.arraycopy(bytes, 0, broken, 0, quote);
                    broken[quote] = (byte) 0xC3;
                    broken[quote + 1] = (byte) 0x28; // an invalid UTF-8 sequence in the first key
                    System.arraycopy(bytes, quote, broken, quote + 2, bytes.length - quote);
                    what.add("break:invalid-utf8");
                    return broken;
                }
                default -> {
                    text = text.replaceFirst(":", pick(random, List.of("::", "=", " ", ":,")));
                    what.add("break:syntax");
                }
            }
        }
        return (text == null ? json(root) : text).getBytes(StandardCharsets.UTF_8);
    }

    /** Bodies that are no JSON object at all (or an empty one, or one without a field). */
    public static byte[] garbage(Random random) {
        return switch (random.nextInt(12)) {
            case 0 -> new byte[0];
            case 1 -> pick(random, List.of("null", "[]", "\"string\"", "123", "true", "{}", "[{}]", "{\"\":\"\"}")).getBytes(StandardCharsets.UTF_8);
            case 2 -> pick(random, List.of("{", "}", "{\"a\":", "[", "{\"a\"}", "{'a':1}", "{a:1}", "{\"a\":1,}")).getBytes(StandardCharsets.UTF_8);
            case 3 -> "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>".getBytes(StandardCharsets.UTF_8);
            case 4 -> "name=Seoul&countryCode=KR&population=1&$where=1".getBytes(StandardCharsets.UTF_8);
            case 5 -> {
                byte[] bytes = new byte[1 + random.nextInt(2000)];
                random.nextBytes(bytes);
                yield bytes;
            }
            case 6 -> ("[" + "{\"$gt\":\"\"},".repeat(1 + random.nextInt(500)) + "{}]").getBytes(StandardCharsets.UTF_8);
            case 7 -> ("\uFEFF\uFEFF{}").getBytes(StandardCharsets.UTF_8);
            case 8 -> json(deepNesting(random)).getBytes(StandardCharsets.UTF_8);
            case 9 -> ("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--x--\r\n").getBytes(StandardCharsets.UTF_8);
            case 10 -> json(copy(pick(random, OPERATORS))).getBytes(StandardCharsets.UTF_8);
            default -> "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8);
        };
    }

    /** A valid body padded with one field to more than {@code maxBytes}: certainly too large. */
    public static byte[] padded(Random random, Object valid, int maxBytes) {
        return json(valid).replaceFirst("\\{", "{\"padding\":\"" + "x".repeat(maxBytes + random.nextInt(10_000)) + "\",")
                .getBytes(StandardCharsets.UTF_8);
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

    public static final List<String> BREAKING_CONTENT_TYPES = List.of("", "text/plain", "application/x-www-form-urlencoded",
            "application/xml", "text/xml", "multipart/form-data; boundary=x", "text/html", "application/octet-stream",
            "garbage", "application/json; charset=nope", "image/png", "*/*", "application/", "text/json");
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

    // ---------------------------------------------------------------- tokens

    /** The claims of a token of the trusted issuer: a subject, its roles and (if not null) cities, valid for an hour. */
    public static JWTClaimsSet claims(DevTokenIssuer trusted, String subject, List<String> roles, List<String> cities) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(trusted.issuer()).subject(subject).claim("roles", roles);
        if (cities != null) {
            claims.claim("cities", cities);
        }
        return claims.expirationTime(new Date(System.currentTimeMillis() + 3_600_000)).build();
    }

    /** An Authorization header of the trusted issuer: {@code claims} with one claim set to {@code value}. */
    public static String withClaim(DevTokenIssuer trusted, JWTClaimsSet claims, String name, Object value) {
        return "Bearer " + trusted.sign(new JWTClaimsSet.Builder(claims).claim(name, value).build());
    }

    /** {@link #forgedAuthorizations} of a valid Authorization header ("Bearer ..."). */
    public static List<String> forgedAuthorizationsOf(DevTokenIssuer trusted, String validAuthorization,
                                                      JWTClaimsSet rightClaims) {
        return forgedAuthorizations(trusted, validAuthorization.substring("Bearer ".length()), rightClaims);
    }

    /** Authorization headers no service accepts (401), made once: forged, expired, malformed, unsigned. */
    public static List<String> forgedAuthorizations(DevTokenIssuer trusted, String validToken, JWTClaimsSet rightClaims) {
        try {
            List<String> forged = new ArrayList<>(List.of("", "Bearer", "Bearer ", "Bearer not-a-jwt", "Basic YWRtaW46YWRtaW4=",
                    "Bearer a.b.c", "Bearer " + "A".repeat(8000), "Bearer {\"$gt\":\"\"}", "Bearer ../../etc/passwd",
                    "Token " + validToken, "Bearer " + validToken + ",Bearer " + validToken, "Bearer  " + validToken,
                    "Bearer " + validToken.substring(0, validToken.length() - 5),
                    "Bearer " + validToken + "x"));
            String[] parts = validToken.split("\\.");
            Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
            String claims = url.encodeToString(rightClaims.toString().getBytes(StandardCharsets.UTF_8));
            forged.add("Bearer " + url.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                    + "." + claims + ".");
            forged.add("Bearer " + url.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "." + claims + "."
                    + parts[2]);
            // the payload changed under the trusted signature
            forged.add("Bearer " + parts[0] + "." + url.encodeToString(new JWTClaimsSet.Builder(rightClaims)
                    .claim("roles", List.of("admin", "city-officer", "resident")).build().toString()
                    .getBytes(StandardCharsets.UTF_8)) + "." + parts[2]);
            // an untrusted key, with the trusted key's id too
            RSAKey stranger = new RSAKeyGenerator(2048).keyID("stranger").generate();
            String trustedKid = SignedJWT.parse(validToken).getHeader().getKeyID();
            for (String kid : List.of("stranger", trustedKid)) {
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), rightClaims);
                jwt.sign(new RSASSASigner(stranger));
                forged.add("Bearer " + jwt.serialize());
            }
            // HMAC with a guessable secret (alg confusion)
            SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(trustedKid).build(), rightClaims);
            hmac.sign(new MACSigner("a-secret-anyone-could-guess-0123456789".getBytes(StandardCharsets.UTF_8)));
            forged.add("Bearer " + hmac.serialize());
            // the trusted key, but expired or not yet valid
            Instant now = Instant.now();
            forged.add("Bearer " + trusted.sign(new JWTClaimsSet.Builder(rightClaims)
                    .issueTime(Date.from(now.minus(Duration.ofHours(3))))
                    .expirationTime(Date.from(now.minus(Duration.ofHours(2)))).build()));
            forged.add("Bearer " + trusted.sign(new JWTClaimsSet.Builder(rightClaims)
                    .notBeforeTime(Date.from(now.plus(Duration.ofHours(2)))).build()));
            forged.add("Bearer " + trusted.sign(new JWTClaimsSet.Builder(rightClaims).claim("exp", "never").build()));
            forged.add("Bearer " + trusted.sign(new JWTClaimsSet.Builder(rightClaims).claim("exp", Obj.class.getName()).build()));
            return forged;
        } catch (JOSEException | java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Tokens of the trusted issuer whose claims are hostile (roles and cities as objects, strings): no access. */
    public static List<String> hostileClaimAuthorizations(DevTokenIssuer trusted, JWTClaimsSet rightClaims) {
        List<String> hostile = new ArrayList<>(hostileRoleAuthorizations(trusted, rightClaims));
        hostile.addAll(hostileCityAuthorizations(trusted, rightClaims));
        return hostile;
    }

    /** Tokens of the trusted issuer whose roles are hostile (objects, strings, none of the roles as spelt). */
    public static List<String> hostileRoleAuthorizations(DevTokenIssuer trusted, JWTClaimsSet rightClaims) {
        List<String> hostile = new ArrayList<>();
        for (Object roles : List.<Object>of(Map.of("$gt", ""), List.of(), List.of(Map.of("$gt", "")), "", 42,
                List.of("ADMIN", "Resident", "city-officer ", "role_admin"))) {
            hostile.add(withClaim(trusted, rightClaims, "roles", roles));
        }
        return hostile;
    }

    /** Tokens of the trusted issuer whose cities are hostile (objects, a number, a wildcard, a string). */
    public static List<String> hostileCityAuthorizations(DevTokenIssuer trusted, JWTClaimsSet rightClaims) {
        List<String> hostile = new ArrayList<>();
        for (Object cities : List.<Object>of(Map.of("$gt", ""), List.of(Map.of("$gt", "")), 42, List.of("*"), "$gt")) {
            hostile.add(withClaim(trusted, rightClaims, "cities", cities));
        }
        return hostile;
    }

    /** Tokens of the trusted issuer the services accept as they are (they check no audience or issuer). */
    public static List<String> acceptedOddAuthorizations(DevTokenIssuer trusted, JWTClaimsSet rightClaims) {
        return List.of(
                "Bearer " + trusted.sign(new JWTClaimsSet.Builder(rightClaims).issuer("https://evil.example").build()),
                "Bearer " + trusted.sign(new JWTClaimsSet.Builder(rightClaims).audience("someone-else").build()),
                "Bearer " + trusted.sign(new JWTClaimsSet.Builder(rightClaims).claim("$where", "1").claim("admin", true).build()),
                "bearer " + trusted.sign(rightClaims));
    }

    // ---------------------------------------------------------------- sending and checking

    /** What the fuzz of one endpoint found. */
    public static final class Summary {
        public final String endpoint;
        public final long seed;
        public final AtomicInteger sent = new AtomicInteger();
        public final Map<Integer, AtomicInteger> statuses = Collections.synchronizedMap(new TreeMap<>());
        public final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        public final AtomicInteger failed = new AtomicInteger();
        public final AtomicInteger ioErrors = new AtomicInteger();
        public final Map<String, Long> stored = new LinkedHashMap<>();
        public final Map<String, Long> published = new LinkedHashMap<>();
        public long millis;

        public Summary(String endpoint, long seed) {
            this.endpoint = endpoint;
            this.seed = seed;
        }

        public int fiveHundreds() {
            synchronized (statuses) {
                return statuses.entrySet().stream().filter(e -> e.getKey() >= 500).mapToInt(e -> e.getValue().get()).sum();
            }
        }

        private final Map<String, AtomicInteger> kinds = new java.util.concurrent.ConcurrentHashMap<>();

        /** Keeps the first few failures of each kind (by the first word of why). */
        public void fail(String why, Request request) {
            failed.incrementAndGet();
            String kind = why.split(" ", 2)[0] + (why.contains("not a problem") ? " not-a-problem" : "")
                    + (why.contains("accepted") ? " accepted" : "");
            if (kinds.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet() <= 4) {
                failures.add(why + " <- " + request);
            }
        }

        @Override
        public String toString() {
            return String.format("FUZZ %-52s sent=%d statuses=%s 5xx=%d failed-checks=%d io-errors=%d stored-delta=%s "
                            + "published-delta=%s %d ms (seed %d)", endpoint, sent.get(), statuses, fiveHundreds(), failed.get(),
                    ioErrors.get(), stored, published, millis, seed);
        }
    }

    /**
     * Makes {@code count} requests with {@code generator} (from one Random of {@code seed}, so a seed repeats the
     * same requests) and sends them with {@code senders} threads; checks every answer.
     */
    public static Summary run(String endpoint, String baseUrl, long seed, int count, int senders,
                       Function<Random, Request> generator) throws InterruptedException {
        Random random = new Random(seed ^ endpoint.hashCode());
        List<Request> requests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            requests.add(generator.apply(random));
        }
        Summary summary = new Summary(endpoint, seed);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        for (int s = 0; s < senders; s++) {
            pool.execute(() -> {
                int i;
                while ((i = next.getAndIncrement()) < requests.size()) {
                    send(client, baseUrl, requests.get(i), summary);
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(5, TimeUnit.MINUTES)) {
            pool.shutdownNow();
            throw new IllegalStateException(endpoint + ": the fuzz did not finish in 5 minutes");
        }
        summary.millis = (System.nanoTime() - start) / 1_000_000;
        return summary;
    }

    private static void send(HttpClient client, String baseUrl, Request request, Summary summary) {
        HttpRequest.Builder builder;
        try {
            builder = HttpRequest.newBuilder(URI.create(baseUrl + request.path)).timeout(Duration.ofSeconds(60));
            request.headers.forEach((name, value) -> {
                if (!value.isEmpty() || !name.equalsIgnoreCase("Content-Type")) {
                    builder.header(name, value);
                }
            });
        } catch (IllegalArgumentException notSendable) {
            summary.fail("the test made a request HttpClient cannot send: " + notSendable.getMessage(), request);
            return;
        }
        HttpRequest.BodyPublisher body = request.body == null ? HttpRequest.BodyPublishers.noBody()
                : request.chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(request.body))
                : HttpRequest.BodyPublishers.ofByteArray(request.body);
        HttpResponse<byte[]> response;
        try {
            response = client.send(builder.method(request.method, body).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException e) {
            summary.ioErrors.incrementAndGet();
            summary.fail("no answer: " + e, request);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        summary.sent.incrementAndGet();
        int status = response.statusCode();
        summary.statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
        check(status, response.headers().firstValue("Content-Type").orElse(""), response.body(), request, summary);
    }

    private static void check(int status, String contentType, byte[] body, Request request, Summary summary) {
        if (status >= 500) {
            summary.fail(status + " " + new String(body, StandardCharsets.UTF_8), request);
            return;
        }
        if (status < 400 && request.allowedSuccess.contains(status)) {
            return; // the caller checks that it changed nothing
        }
        if (status < 400) {
            summary.fail(status + " accepted a hostile request: " + new String(body, StandardCharsets.UTF_8), request);
            return;
        }
        if (!contentType.startsWith("application/problem+json")) {
            summary.fail(status + " not a problem but '" + contentType + "': "
                    + new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8), request);
            return;
        }
        JsonNode problem;
        try {
            problem = JSON.readTree(body);
        } catch (RuntimeException e) {
            summary.fail(status + " problem is no JSON: " + new String(body, StandardCharsets.UTF_8), request);
            return;
        }
        if (problem.path("status").asInt() != status) {
            summary.fail(status + " problem's status is " + problem.path("status"), request);
            return;
        }
        if ((status == 400 || status == 422) && problem.path("errors").path(0).path("field").asString("").isEmpty()
                && problem.path("detail").asString("").isBlank()) {
            summary.fail(status + " problem names nothing: " + problem, request);
        }
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

    /** Runs {@code action} for its side effect and returns the request (for generators). */
    public static Request with(Request request, Consumer<Request> action) {
        action.accept(request);
        return request;
    }
}
