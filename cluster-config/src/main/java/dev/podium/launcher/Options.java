package dev.podium.launcher;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} options and positional arguments of one podium command; unknown options are errors. */
record Options(Map<String, List<String>> values, List<String> positional) {

    static Options parse(List<String> args, Set<String> known) {
        return parse(args, known, Set.of());
    }

    /** {@code flags} take no value: present means "true". */
    static Options parse(List<String> args, Set<String> known, Set<String> flags) {
        Map<String, List<String>> values = new HashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--")) {
                positional.add(a);
                continue;
            }
            if (flags.contains(a)) {
                values.computeIfAbsent(a, k -> new ArrayList<>()).add("true");
                continue;
            }
            if (!known.contains(a)) throw new IllegalArgumentException("unknown option " + a);
            if (i + 1 >= args.size()) throw new IllegalArgumentException("option " + a + " needs a value");
            values.computeIfAbsent(a, k -> new ArrayList<>()).add(args.get(++i));
        }
        return new Options(values, positional);
    }

    String get(String name, String fallback) {
        List<String> v = values.get(name);
        return v == null ? fallback : v.get(v.size() - 1);
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }

    int integer(String name, int fallback, int min, int max) {
        String v = get(name, null);
        if (v == null) return fallback;
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " expects a number from " + min + " to " + max + ", got '" + v + "'");
        }
    }

    /** Every value given for a repeatable option, comma-separated lists split. */
    List<String> all(String name) {
        List<String> out = new ArrayList<>();
        for (String v : values.getOrDefault(name, List.of())) {
            for (String part : v.split(",")) if (!part.isBlank()) out.add(part.trim());
        }
        return out;
    }
}
