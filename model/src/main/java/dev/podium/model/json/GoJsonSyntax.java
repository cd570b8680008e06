package dev.podium.model.json;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The first syntax error Go's encoding/json finds in a JSON text, in its words ("unexpected end
 * of JSON input", "invalid character '}' looking for beginning of object key string"), so a
 * malformed body is refused as kube-apiserver refuses it. A port of the state machine of Go's
 * scanner.go: one state per byte, a stack of open objects and arrays, and at the end of the input
 * a space fed to the state the text stopped in.
 */
final class GoJsonSyntax {
    private enum State {
        BEGIN_VALUE, BEGIN_VALUE_OR_EMPTY, BEGIN_STRING, BEGIN_STRING_OR_EMPTY, END_VALUE, END_TOP,
        IN_STRING, IN_STRING_ESC, IN_STRING_ESC_U, IN_STRING_ESC_U1, IN_STRING_ESC_U12, IN_STRING_ESC_U123,
        NEG, ONE, ZERO, DOT, DOT0, E, E_SIGN, E0, LITERAL
    }

    private enum Open { OBJECT_KEY, OBJECT_VALUE, ARRAY_VALUE }

    private final Deque<Open> open = new ArrayDeque<>();
    private State state = State.BEGIN_VALUE;
    private String literal;
    private int literalAt;
    private boolean endTop;
    private String error;

    private GoJsonSyntax() {}

    static Optional<String> error(byte[] json) {
        GoJsonSyntax scanner = new GoJsonSyntax();
        for (byte b : json) {
            scanner.step(b & 0xff);
            if (scanner.error != null) return Optional.of(scanner.error);
        }
        return Optional.ofNullable(scanner.eof());
    }

    private String eof() {
        if (endTop) return null;
        step(' ');
        if (error != null) return error;
        return endTop ? null : "unexpected end of JSON input";
    }

    private void step(int c) {
        switch (state) {
            case BEGIN_VALUE_OR_EMPTY -> {
                if (space(c)) return;
                if (c == ']') endValue(c);
                else beginValue(c);
            }
            case BEGIN_VALUE -> beginValue(c);
            case BEGIN_STRING_OR_EMPTY -> {
                if (space(c)) return;
                if (c == '}') {
                    open.pop();
                    open.push(Open.OBJECT_VALUE);
                    endValue(c);
                } else {
                    beginString(c);
                }
            }
            case BEGIN_STRING -> beginString(c);
            case END_VALUE -> endValue(c);
            case END_TOP -> endTop(c);
            case IN_STRING -> {
                if (c == '"') state = State.END_VALUE;
                else if (c == '\\') state = State.IN_STRING_ESC;
                else if (c < 0x20) fail(c, "in string literal");
            }
            case IN_STRING_ESC -> {
                if ("bfnrt\\/\"".indexOf(c) >= 0) state = State.IN_STRING;
                else if (c == 'u') state = State.IN_STRING_ESC_U;
                else fail(c, "in string escape code");
            }
            case IN_STRING_ESC_U, IN_STRING_ESC_U1, IN_STRING_ESC_U12, IN_STRING_ESC_U123 -> {
                if (!hex(c)) fail(c, "in \\u hexadecimal character escape");
                else state = state == State.IN_STRING_ESC_U123 ? State.IN_STRING : State.values()[state.ordinal() + 1];
            }
            case NEG -> {
                if (c == '0') state = State.ZERO;
                else if (c >= '1' && c <= '9') state = State.ONE;
                else fail(c, "in numeric literal");
            }
            case ONE -> {
                if (digit(c)) return;
                zero(c);
            }
            case ZERO -> zero(c);
            case DOT -> {
                if (digit(c)) state = State.DOT0;
                else fail(c, "after decimal point in numeric literal");
            }
            case DOT0 -> {
                if (digit(c)) return;
                if (c == 'e' || c == 'E') state = State.E;
                else endValue(c);
            }
            case E -> {
                if (c == '+' || c == '-') state = State.E_SIGN;
                else eSign(c);
            }
            case E_SIGN -> eSign(c);
            case E0 -> {
                if (!digit(c)) endValue(c);
            }
            case LITERAL -> {
                char expected = literal.charAt(literalAt);
                if (c != expected) {
                    fail(c, "in literal " + literal + " (expecting '" + expected + "')");
                    return;
                }
                if (++literalAt == literal.length()) state = State.END_VALUE;
            }
        }
    }

    private void beginValue(int c) {
        if (space(c)) return;
        switch (c) {
            case '{' -> {
                open.push(Open.OBJECT_KEY);
                state = State.BEGIN_STRING_OR_EMPTY;
            }
            case '[' -> {
                open.push(Open.ARRAY_VALUE);
                state = State.BEGIN_VALUE_OR_EMPTY;
            }
            case '"' -> state = State.IN_STRING;
            case '-' -> state = State.NEG;
            case '0' -> state = State.ZERO;
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> {
                if (c >= '1' && c <= '9') state = State.ONE;
                else fail(c, "looking for beginning of value");
            }
        }
    }

    private void literal(String word) {
        literal = word;
        literalAt = 1;
        state = State.LITERAL;
    }

    private void beginString(int c) {
        if (space(c)) return;
        if (c == '"') state = State.IN_STRING;
        else fail(c, "looking for beginning of object key string");
    }

    private void zero(int c) {
        if (c == '.') state = State.DOT;
        else if (c == 'e' || c == 'E') state = State.E;
        else endValue(c);
    }

    private void eSign(int c) {
        if (digit(c)) state = State.E0;
        else fail(c, "in exponent of numeric literal");
    }

    private void endValue(int c) {
        if (open.isEmpty()) {
            state = State.END_TOP;
            endTop = true;
            endTop(c);
            return;
        }
        if (space(c)) {
            state = State.END_VALUE;
            return;
        }
        switch (open.peek()) {
            case OBJECT_KEY -> {
                if (c != ':') {
                    fail(c, "after object key");
                    return;
                }
                open.pop();
                open.push(Open.OBJECT_VALUE);
                state = State.BEGIN_VALUE;
            }
            case OBJECT_VALUE -> {
                if (c == ',') {
                    open.pop();
                    open.push(Open.OBJECT_KEY);
                    state = State.BEGIN_STRING;
                } else if (c == '}') {
                    open.pop();
                    state = State.END_VALUE;
                } else {
                    fail(c, "after object key:value pair");
                }
            }
            case ARRAY_VALUE -> {
                if (c == ',') {
                    state = State.BEGIN_VALUE;
                } else if (c == ']') {
                    open.pop();
                    state = State.END_VALUE;
                } else {
                    fail(c, "after array element");
                }
            }
        }
    }

    private void endTop(int c) {
        if (!space(c)) fail(c, "after top-level value");
    }

    private void fail(int c, String context) {
        error = "invalid character " + quoteChar(c) + " " + context;
    }

    private static boolean digit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean hex(int c) {
        return digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean space(int c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /** Go's quoteChar: the byte read as a rune and quoted as strconv.Quote would, between single quotes. */
    static String quoteChar(int c) {
        if (c == '\'') return "'\\''";
        if (c == '"') return "'\"'";
        String shown = switch (c) {
            case 0x07 -> "\\a";
            case '\b' -> "\\b";
            case '\f' -> "\\f";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            case 0x0b -> "\\v";
            case '\\' -> "\\\\";
            default -> {
                if (c < 0x20 || c == 0x7f) yield String.format("\\x%02x", c);
                if ((c >= 0x80 && c <= 0xa0) || c == 0xad) yield String.format("\\u%04x", c);
                yield String.valueOf((char) c);
            }
        };
        return "'" + shown + "'";
    }
}
