package org.citypromise.backbone;

import org.citypromise.backbone.HostileRequests.BodySpec;
import org.citypromise.backbone.HostileRequests.Kind;
import org.citypromise.backbone.HostileRequests.Obj;
import org.citypromise.backbone.HostileRequests.Raw;
import org.citypromise.backbone.HostileRequests.Slot;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static org.citypromise.backbone.HostileJson.copy;
import static org.citypromise.backbone.HostileJson.json;
import static org.citypromise.backbone.HostileJson.objects;
import static org.citypromise.backbone.HostileValues.INVALID_TOKENS;
import static org.citypromise.backbone.HostileValues.OPERATORS;
import static org.citypromise.backbone.HostileValues.STRINGS;
import static org.citypromise.backbone.HostileValues.UNKNOWN_KEYS;
import static org.citypromise.backbone.HostileValues.anything;
import static org.citypromise.backbone.HostileValues.deepNesting;
import static org.citypromise.backbone.HostileValues.pick;

/**
 * Hostile request bodies: a valid body mutated (spice that may or may not break it, then at least one mutation that
 * certainly does), garbage that is no JSON object, and a valid body padded past the size limit.
 */
public final class HostileBodies {

    private HostileBodies() {
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
}
