package dev.podium.model.crd;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Schema patterns are Go RE2 expressions. They are translated to java.util.regex where the two
 * differ ({@code $} is the end of text, POSIX classes, {@code (?P<name>}), and the RE2 syntax
 * errors kube reports are raised with Go's wording; features RE2 lacks (lookaround,
 * backreferences, possessive quantifiers) are rejected as Go rejects them.
 */
final class GoRegex {
    private static final Pattern REPEAT = Pattern.compile("\\{\\d+(,\\d*)?}");
    private static final Map<String, String> POSIX = Map.ofEntries(Map.entry("alnum", "Alnum"), Map.entry("alpha", "Alpha"),
            Map.entry("ascii", "ASCII"), Map.entry("blank", "Blank"), Map.entry("cntrl", "Cntrl"), Map.entry("digit", "Digit"),
            Map.entry("graph", "Graph"), Map.entry("lower", "Lower"), Map.entry("print", "Print"), Map.entry("punct", "Punct"),
            Map.entry("space", "Space"), Map.entry("upper", "Upper"), Map.entry("word", "Alnum_"), Map.entry("xdigit", "XDigit"));
    private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();

    static final class SyntaxError extends Exception {
        SyntaxError(String what, String text) {
            super("error parsing regexp: " + what + ": `" + text + "`");
        }
    }

    private GoRegex() {}

    /** Compiles a Go regular expression; match with {@code find()}, as Go's MatchString is unanchored. */
    static Pattern compile(String pattern) throws SyntaxError {
        Pattern cached = CACHE.get(pattern);
        if (cached != null) return cached;
        String java = translate(pattern);
        try {
            Pattern compiled = Pattern.compile(java, Pattern.UNIX_LINES);
            CACHE.put(pattern, compiled);
            return compiled;
        } catch (PatternSyntaxException e) {
            throw new SyntaxError(e.getDescription().toLowerCase(), pattern);
        }
    }

    private static String translate(String p) throws SyntaxError {
        boolean multiline = p.matches("(?s).*\\(\\?[a-zA-Z]*m[a-zA-Z]*[):].*");
        StringBuilder out = new StringBuilder();
        int depth = 0, classStart = -1, repeatStart = -1;
        boolean operand = false, inClass = false;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\') {
                if (i + 1 >= p.length()) throw new SyntaxError("trailing backslash at end of expression", "");
                char n = p.charAt(++i);
                if (n >= '1' && n <= '9') throw new SyntaxError("invalid escape sequence", "\\" + n);
                out.append(c).append(n);
                if (!inClass) {
                    operand = true;
                    repeatStart = -1;
                }
                continue;
            }
            if (inClass) {
                if (p.startsWith("[:", i) && p.indexOf(":]", i + 2) > 0) {
                    int end = p.indexOf(":]", i + 2);
                    String name = p.substring(i + 2, end);
                    boolean negated = name.startsWith("^");
                    String java = POSIX.get(negated ? name.substring(1) : name);
                    if (java == null) throw new SyntaxError("invalid character class range", p.substring(i, end + 2));
                    out.append(java.equals("Alnum_") ? (negated ? "\\W" : "\\w") : (negated ? "\\P{" : "\\p{") + java + "}");
                    i = end + 1;
                } else if (c == ']') {
                    inClass = false;
                    operand = true;
                    out.append(c);
                } else if (c == '[' || c == '&') {
                    out.append('\\').append(c);
                } else {
                    out.append(c);
                }
                continue;
            }
            switch (c) {
                case '[' -> {
                    inClass = true;
                    classStart = i;
                    out.append(c);
                    if (i + 1 < p.length() && p.charAt(i + 1) == '^') out.append(p.charAt(++i));
                    if (i + 1 < p.length() && p.charAt(i + 1) == ']') {
                        out.append("\\]");
                        i++;
                    }
                }
                case '(' -> {
                    for (String unsupported : new String[]{"(?<=", "(?<!", "(?=", "(?!", "(?>"}) {
                        if (p.startsWith(unsupported, i)) throw new SyntaxError("invalid or unsupported Perl syntax", unsupported);
                    }
                    operand = false;
                    repeatStart = -1;
                    if (p.startsWith("(?", i)) {
                        i = groupPrefix(p, i, out);
                        if (out.charAt(out.length() - 1) != ')') depth++;
                    } else {
                        depth++;
                        out.append(c);
                    }
                }
                case ')' -> {
                    if (depth == 0) throw new SyntaxError("unexpected )", p);
                    depth--;
                    operand = true;
                    repeatStart = -1;
                    out.append(c);
                }
                case '|' -> {
                    operand = false;
                    repeatStart = -1;
                    out.append(c);
                }
                case '*', '+', '?', '{' -> {
                    String op = String.valueOf(c);
                    if (c == '{') {
                        Matcher m = REPEAT.matcher(p).region(i, p.length());
                        if (!m.lookingAt()) {
                            out.append("\\{");
                            operand = true;
                            repeatStart = -1;
                            continue;
                        }
                        op = m.group();
                    }
                    boolean lazy = c == '?' && repeatStart >= 0 && i == repeatEnd(p, repeatStart);
                    if (lazy) {
                        out.append(c);
                        continue;
                    }
                    if (repeatStart >= 0) throw new SyntaxError("invalid nested repetition operator", p.substring(repeatStart, i + op.length()));
                    if (!operand) throw new SyntaxError("missing argument to repetition operator", op);
                    repeatStart = i;
                    out.append(op);
                    i += op.length() - 1;
                }
                case '$' -> {
                    out.append(multiline ? "$" : "\\z");
                    operand = true;
                    repeatStart = -1;
                }
                default -> {
                    out.append(c);
                    operand = true;
                    repeatStart = -1;
                }
            }
        }
        if (inClass) throw new SyntaxError("missing closing ]", p.substring(classStart));
        if (depth > 0) throw new SyntaxError("missing closing )", p);
        return out.toString();
    }

    /**
     * Copies a "(?" construct: a named group ({@code (?P<name>} becomes {@code (?<name>}) or flags
     * ({@code (?i)}, {@code (?i:}). Returns the index of its last character.
     */
    private static int groupPrefix(String p, int i, StringBuilder out) throws SyntaxError {
        int j = i + 2;
        if (p.startsWith("P<", j) || p.startsWith("<", j)) {
            int end = p.indexOf('>', j);
            if (end < 0) throw new SyntaxError("invalid named capture", p.substring(i));
            out.append("(?<").append(p, p.charAt(j) == 'P' ? j + 2 : j + 1, end + 1);
            return end;
        }
        int k = j;
        while (k < p.length() && "imsU-".indexOf(p.charAt(k)) >= 0) k++;
        if (k >= p.length() || p.charAt(k) != ')' && p.charAt(k) != ':') {
            throw new SyntaxError("invalid or unsupported Perl syntax", p.substring(i, Math.min(k + 1, p.length())));
        }
        out.append(p, i, k + 1);
        return k;
    }

    /** The index just past the repetition operator starting at {@code start}. */
    private static int repeatEnd(String p, int start) {
        if (p.charAt(start) != '{') return start + 1;
        return p.indexOf('}', start) + 1;
    }
}
