package dev.podium.model.api;

/** One entry of a Kubernetes Status' details.causes: which field is wrong and why. */
public record Cause(String reason, String field, String message) {
    public static Cause invalid(String field, Object value, String why) {
        return new Cause("FieldValueInvalid", field, "Invalid value: " + quote(value) + ": " + why);
    }

    public static Cause required(String field) {
        return new Cause("FieldValueRequired", field, "Required value");
    }

    public static Cause required(String field, String why) {
        return new Cause("FieldValueRequired", field, "Required value: " + why);
    }

    public static Cause forbidden(String field, String why) {
        return new Cause("FieldValueForbidden", field, "Forbidden: " + why);
    }

    public static Cause notSupported(String field, Object value, java.util.Collection<String> supported) {
        StringBuilder sb = new StringBuilder("Unsupported value: ").append(quote(value)).append(": supported values: ");
        boolean first = true;
        for (String s : supported) {
            if (!first) sb.append(", ");
            sb.append('"').append(s).append('"');
            first = false;
        }
        return new Cause("FieldValueNotSupported", field, sb.toString());
    }

    public static Cause tooLong(String field, long max) {
        return new Cause("FieldValueTooLong", field, "Too long: may not be more than " + max + " bytes");
    }

    public static Cause tooMany(String field, int actual, int max) {
        return new Cause("FieldValueTooMany", field, "Too many: " + actual + ": must have at most " + max + " items");
    }

    public static Cause duplicate(String field, Object value) {
        return new Cause("FieldValueDuplicate", field, "Duplicate value: " + quote(value));
    }

    public static Cause immutable(String field) {
        return new Cause("FieldValueInvalid", field, "Invalid value: field is immutable");
    }

    static String quote(Object value) {
        if (value instanceof String s) return '"' + s + '"';
        return String.valueOf(value);
    }
}
