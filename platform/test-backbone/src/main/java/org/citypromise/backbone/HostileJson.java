package org.citypromise.backbone;

import org.citypromise.backbone.HostileRequests.Obj;
import org.citypromise.backbone.HostileRequests.Raw;

import java.util.ArrayList;
import java.util.List;

/**
 * JSON text written from {@link Obj}, lists, {@link Raw} and scalars as they are (a key twice, unpaired surrogates,
 * invalid tokens: what a JSON library would refuse to write), and the walks of such a tree that mutations need.
 */
public final class HostileJson {

    private HostileJson() {
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

    /** The object or list holding the field at {@code path} in {@code root}, or null when the mutations left none. */
    public static Object parent(Object root, List<Object> path) {
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

    /** Sets the field at {@code path} in {@code root}; false when the mutations left it no parent. */
    @SuppressWarnings("unchecked")
    public static boolean set(Object root, List<Object> path, Object value) {
        Object parent = parent(root, path);
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

    /** Drops the field at {@code path} from {@code root}; false when it is not there. */
    public static boolean drop(Object root, List<Object> path) {
        if (parent(root, path) instanceof Obj obj && obj.has((String) path.get(path.size() - 1))) {
            obj.remove((String) path.get(path.size() - 1));
            return true;
        }
        return false;
    }
}
