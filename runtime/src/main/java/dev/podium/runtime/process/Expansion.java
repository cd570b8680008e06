package dev.podium.runtime.process;

import java.util.Map;

/**
 * Kubernetes' $(VAR) expansion (third_party/forked/golang/expansion): {@code $(NAME)} becomes the value
 * when NAME is defined and stays as written otherwise; {@code $$} is an escaped {@code $}.
 */
public final class Expansion {
    private Expansion() {}

    public static String expand(String input, Map<String, String> vars) {
        if (input == null || input.indexOf('$') < 0) return input;
        StringBuilder out = new StringBuilder(input.length());
        int i = 0;
        while (i < input.length()) {
            char ch = input.charAt(i);
            if (ch != '$' || i + 1 >= input.length()) {
                out.append(ch);
                i++;
                continue;
            }
            char next = input.charAt(i + 1);
            if (next == '$') {
                out.append('$');
                i += 2;
            } else if (next == '(') {
                int close = input.indexOf(')', i + 2);
                if (close < 0) {
                    out.append("$(");
                    i += 2;
                } else {
                    String name = input.substring(i + 2, close);
                    String v = vars.get(name);
                    out.append(v != null ? v : "$(" + name + ")");
                    i = close + 1;
                }
            } else {
                out.append('$').append(next);
                i += 2;
            }
        }
        return out.toString();
    }
}
