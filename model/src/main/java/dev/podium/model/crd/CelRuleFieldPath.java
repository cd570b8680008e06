package dev.podium.model.crd;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A rule's fieldPath ({@code .spec.replicas}, {@code .metadata['name']}) as the field names it walks,
 * which kube appends to the path of a failed rule. Without the schema every step is taken as a property
 * (kube prints a step into an additionalProperties map as {@code [key]}). A path that does not parse is ignored, as kube does.
 */
final class CelRuleFieldPath {
    private CelRuleFieldPath() {}

    /** {@code base} followed by the rule's fieldPath, or {@code base} alone when the path is empty or malformed. */
    static String append(String base, String fieldPath) {
        return steps(fieldPath).filter(s -> !s.isEmpty()).map(s -> {
            String rel = String.join(".", s);
            return base == null || base.isEmpty() ? rel : base + "." + rel;
        }).orElse(base == null ? "" : base);
    }

    static Optional<List<String>> steps(String path) {
        List<String> steps = new ArrayList<>();
        int i = 0;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < path.length() && ".[]".indexOf(path.charAt(end)) < 0) end++;
                if (end == i + 1) return Optional.empty();
                steps.add(path.substring(i + 1, end));
                i = end;
            } else if (c == '[') {
                int close = closingQuote(path, i + 1);
                if (close < 0 || close + 1 >= path.length() || path.charAt(close + 1) != ']') return Optional.empty();
                Optional<String> name = unescape(path.substring(i + 2, close));
                if (name.isEmpty()) return Optional.empty();
                steps.add(name.get());
                i = close + 2;
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(steps);
    }

    /** Index of the quote closing a single-quoted string whose opening quote is at {@code open}, or -1. */
    private static int closingQuote(String path, int open) {
        if (open >= path.length() || path.charAt(open) != '\'') return -1;
        for (int j = open + 1; j < path.length(); j++) {
            if (path.charAt(j) == '\\') j++;
            else if (path.charAt(j) == '\'') return j;
        }
        return -1;
    }

    private static Optional<String> unescape(String quoted) {
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < quoted.length(); j++) {
            char c = quoted.charAt(j);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (++j >= quoted.length()) return Optional.empty();
            switch (quoted.charAt(j)) {
                case 'a' -> sb.append('\u0007');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'v' -> sb.append('\u000b');
                case '\'' -> sb.append('\'');
                case '\\' -> sb.append('\\');
                default -> { return Optional.empty(); }
            }
        }
        return Optional.of(sb.toString());
    }
}
