package org.citypromise.backbone;

import com.nimbusds.jwt.JWTClaimsSet;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Hostile requests for the fuzz tests: valid bodies mutated (fields dropped, nulled, retyped, given operator
 * objects, huge or odd numbers, hostile strings, unknown and duplicate keys, deep nesting), raw garbage,
 * wrong content types, forged tokens and tokens of the wrong role, hostile path variables — each request
 * carries at least one mutation that makes it certainly invalid ("breaking"), plus a few that may or may
 * not be ("spice"), so that none of them may be stored. Sent over real HTTP/1.1 by a few concurrent senders;
 * every answer is checked: no 5xx, an RFC 9457 problem whose status is the HTTP status, naming what is
 * wrong. Shared by every service's fuzz tests (HostileInputIntegrationTest in each).
 * <p>
 * This class is what those tests call: the types they build requests from, and the entry points of the parts
 * that do the work — {@link HostileValues}, {@link HostileJson}, {@link HostileBodies}, {@link HostileHeaders},
 * {@link HostileTokens}, {@link HostilePaths} and {@link HostileSender}.
 * <p>
 * Over our usual size only by the nested types the services' fuzz tests import (Request, Obj, Raw, Kind,
 * Slot, BodySpec, Summary) and one-line entry points; the generation itself lives in the Hostile* parts.
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

    // ---------------------------------------------------------------- the types requests are made of

    /** One request to send; {@code what} says how it was made hostile. */
    public static final class Request {
        public String method;
        public String path;
        public final Map<String, String> headers = new LinkedHashMap<>();
        public byte[] body;
        public boolean chunked;
        public final List<String> what = new ArrayList<>();
        /** Success statuses this request may legitimately get (a valid token doing what it may); none by default. */
        public final Set<Integer> allowedSuccess = new HashSet<>();

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

        /** A value that certainly is not valid in a field of this kind. */
        public Object breaking(Random random, int maxLength) {
            return HostileValues.breaking(this, random, maxLength);
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
            return HostileJson.parent(root, path);
        }

        public boolean set(Object root, Object value) {
            return HostileJson.set(root, path, value);
        }

        public boolean drop(Object root) {
            return HostileJson.drop(root, path);
        }
    }

    /** How a body is made hostile. */
    public record BodySpec(Obj valid, List<Slot> slots, boolean duplicateKeysRefused) {
    }

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

        private final Map<String, AtomicInteger> kinds = new ConcurrentHashMap<>();

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

    // ---------------------------------------------------------------- what the fuzz tests call, done by the parts
    // (each documented where it is done)

    // values and JSON: HostileValues, HostileJson
    public static String json(Object value) {
        return HostileJson.json(value);
    }

    public static <T> T pick(Random random, List<T> from) {
        return HostileValues.pick(random, from);
    }

    public static Object anything(Random random) {
        return HostileValues.anything(random);
    }

    // bodies and paths: HostileBodies, HostilePaths
    public static byte[] body(Random random, BodySpec spec, List<String> what, boolean mustBreak, int maxBytes) {
        return HostileBodies.body(random, spec, what, mustBreak, maxBytes);
    }

    public static byte[] garbage(Random random) {
        return HostileBodies.garbage(random);
    }

    public static byte[] padded(Random random, Object valid, int maxBytes) {
        return HostileBodies.padded(random, valid, maxBytes);
    }

    public static List<String> hostileIds(String... more) {
        return HostilePaths.hostileIds(more);
    }

    public static String segment(String value) {
        return HostilePaths.segment(value);
    }

    // headers: HostileHeaders
    public static final List<String> BREAKING_CONTENT_TYPES = HostileHeaders.BREAKING_CONTENT_TYPES;
    public static final List<String> SPICE_CONTENT_TYPES = HostileHeaders.SPICE_CONTENT_TYPES;

    public static void spiceHeaders(Random random, Request request) {
        HostileHeaders.spiceHeaders(random, request);
    }

    public static void spiceAuthorization(Random random, Request request, List<String> oddButAccepted) {
        HostileHeaders.spiceAuthorization(random, request, oddButAccepted);
    }

    public static void spice(Random random, Request request, List<String> oddButAccepted) {
        HostileHeaders.spice(random, request, oddButAccepted);
    }

    // tokens: HostileTokens
    public static JWTClaimsSet claims(TestTokenIssuer trusted, String subject, List<String> roles, List<String> cities) {
        return HostileTokens.claims(trusted, subject, roles, cities);
    }

    public static String withClaim(TestTokenIssuer trusted, JWTClaimsSet claims, String name, Object value) {
        return HostileTokens.withClaim(trusted, claims, name, value);
    }

    public static List<String> forgedAuthorizationsOf(TestTokenIssuer trusted, String validAuthorization,
                                                      JWTClaimsSet rightClaims) {
        return HostileTokens.forgedAuthorizationsOf(trusted, validAuthorization, rightClaims);
    }

    public static List<String> hostileClaimAuthorizations(TestTokenIssuer trusted, JWTClaimsSet rightClaims) {
        return HostileTokens.hostileClaimAuthorizations(trusted, rightClaims);
    }

    public static List<String> hostileRoleAuthorizations(TestTokenIssuer trusted, JWTClaimsSet rightClaims) {
        return HostileTokens.hostileRoleAuthorizations(trusted, rightClaims);
    }

    public static List<String> hostileCityAuthorizations(TestTokenIssuer trusted, JWTClaimsSet rightClaims) {
        return HostileTokens.hostileCityAuthorizations(trusted, rightClaims);
    }

    public static List<String> acceptedOddAuthorizations(TestTokenIssuer trusted, JWTClaimsSet rightClaims) {
        return HostileTokens.acceptedOddAuthorizations(trusted, rightClaims);
    }

    // sending and checking: HostileSender
    public static Summary run(String endpoint, String baseUrl, long seed, int count, int senders,
                              Function<Random, Request> generator) throws InterruptedException {
        return HostileSender.run(endpoint, baseUrl, seed, count, senders, generator);
    }
}
