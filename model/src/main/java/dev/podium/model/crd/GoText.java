package dev.podium.model.crd;

import java.util.List;
import java.util.stream.Collectors;

/** Go's rendering of strings and string slices in kube's messages. */
final class GoText {
    private GoText() {}

    /** strconv.Quote. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case 7 -> sb.append("\\a");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case 11 -> sb.append("\\v");
                default -> {
                    if (isPrint(c)) sb.appendCodePoint(c);
                    else if (c < 32 || c == 127) sb.append(String.format("\\x%02x", c));
                    else if (c <= 0xFFFF) sb.append(String.format("\\u%04x", c));
                    else sb.append(String.format("\\U%08x", c));
                }
            }
        });
        return sb.append('"').toString();
    }

    /** unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    static boolean isPrint(int c) {
        if (c == ' ') return true;
        return switch (Character.getType(c)) {
            case Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.CONTROL,
                    Character.FORMAT, 17, Character.PRIVATE_USE, Character.SURROGATE, Character.UNASSIGNED -> false;
            default -> true;
        };
    }

    /** Go's %#v of a []string. */
    static String strings(List<String> values) {
        if (values == null) return "[]string(nil)";
        return values.stream().map(GoText::quote).collect(Collectors.joining(", ", "[]string{", "}"));
    }

    /** Go's %#v of a []CustomResourceDefinitionVersion, elided the way the field error shows it. */
    static String versions(int count, boolean listed) {
        if (!listed) return "[]apiextensions.CustomResourceDefinitionVersion(nil)";
        return count == 0 ? "[]apiextensions.CustomResourceDefinitionVersion{}" : "[]apiextensions.CustomResourceDefinitionVersion{...}";
    }
}
