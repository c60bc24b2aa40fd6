package org.citypromise.backbone;

import org.citypromise.backbone.HostileRequests.Kind;
import org.citypromise.backbone.HostileRequests.Obj;
import org.citypromise.backbone.HostileRequests.Raw;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.citypromise.backbone.HostileJson.copy;

/**
 * Hostile values for the fields of a body: operator objects, injections, odd and huge numbers, invalid JSON
 * tokens, deep nesting; and, for each {@link Kind} of field, a value that certainly breaks it. Every draw comes
 * from the caller's Random, so that a seed repeats a run.
 */
public final class HostileValues {

    private HostileValues() {
    }

    /** One of {@code from}, drawn from {@code random}. */
    public static <T> T pick(Random random, List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    /** Query and prototype operators where a value should be. */
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

    /** Keys no request body has. */
    public static final List<String> UNKNOWN_KEYS = List.of("$where", "$gt", "$set", "__proto__", "constructor", "_id",
            "outbox", "isAdmin", "owner", "", " ", "a.b", "rows.0", "$", "\u0000", "<script>", "x".repeat(500));

    /** A value that certainly is not valid in a field of {@code kind} (see {@link Kind#breaking}). */
    public static Object breaking(Kind kind, Random random, int maxLength) {
        int choice = random.nextInt(10);
        if (choice < 3) {
            return nonScalarFor(kind, random);
        }
        return switch (kind) {
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
                default -> kind == Kind.POSITIVE ? new Raw(pick(random, List.of("0", "-0", "0.0", "-0e10")))
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

    private static Object nonScalarFor(Kind kind, Random random) {
        Object value;
        do {
            value = nonScalar(random);
        } while (!breaksAsNonScalar(kind, value));
        return value;
    }

    /** Whether a non-scalar value certainly breaks a field of {@code kind}. */
    private static boolean breaksAsNonScalar(Kind kind, Object value) {
        if (value instanceof Raw) {
            return true; // deep nesting: refused by the parser
        }
        return switch (kind) {
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
