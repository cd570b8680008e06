package dev.podium.model.validation;

import dev.podium.model.api.Cause;

import java.util.List;
import java.util.stream.Collectors;

/** Field paths and the few {@link Cause} shapes that {@link Cause} itself does not build. */
public final class Causes {
    private Causes() {}

    public static String child(String path, String name) {
        return path == null || path.isEmpty() ? name : path + "." + name;
    }

    public static String index(String path, int i) {
        return path + "[" + i + "]";
    }

    /** kube's Path.Key: {@code data[my.key]}, unquoted. */
    public static String key(String path, String key) {
        return path + "[" + key + "]";
    }

    public static Cause notFound(String field, Object value) {
        return new Cause("FieldValueNotFound", field, "Not found: " + go(value));
    }

    public static Cause duplicate(String field, Object value, String detail) {
        return new Cause("FieldValueDuplicate", field, "Duplicate value: " + go(value) + ": " + detail);
    }

    /** An Invalid cause for values Cause.invalid would print differently from Go (lists, maps). */
    public static Cause invalidRendered(String field, String renderedValue, String why) {
        return new Cause("FieldValueInvalid", field, "Invalid value: " + renderedValue + ": " + why);
    }

    /** Invalid with kube's "field is immutable" detail, showing the new value as kube does. */
    public static Cause immutable(String field, Object newValue) {
        return newValue == null ? invalidRendered(field, "null", "field is immutable") : Cause.invalid(field, newValue, "field is immutable");
    }

    /** One invalid cause per message, all on the same field and value. */
    public static List<Cause> invalidEach(String field, Object value, List<String> messages) {
        return messages.stream().map(m -> Cause.invalid(field, value, m)).collect(Collectors.toList());
    }

    /** Go's %#v of a []string: {@code []string{"a", "b"}}. */
    public static String goStrings(List<String> values) {
        return values.stream().map(Causes::go).collect(Collectors.joining(", ", "[]string{", "}"));
    }

    /** Go's %q-ish rendering of a value in a field error. */
    static String go(Object value) {
        if (value instanceof String s) return quote(s);
        return String.valueOf(value);
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
