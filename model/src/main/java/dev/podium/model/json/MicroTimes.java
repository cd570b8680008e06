package dev.podium.model.json;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * metav1.MicroTime as kube-apiserver reads it: Go's {@code time.Parse} with the layout
 * RFC3339Micro, so exactly six fraction digits and {@code Z} or a {@code ±hh:mm} offset.
 * A value that does not parse gets Go's own error text.
 */
public final class MicroTimes {
    static final String LAYOUT = "2006-01-02T15:04:05.000000Z07:00";
    private static final Map<String, String> RANGE_NAMES = Map.of("01", "month", "15", "hour", "04", "minute", "05", "second");

    private MicroTimes() {}

    /** Go's error for a value that is not a MicroTime, or empty when it is one. */
    public static Optional<String> error(String value) {
        return Optional.ofNullable(new Parse(value).run());
    }

    /** One pass over the value, chunk by chunk of the layout, as time.Parse goes. */
    private static final class Parse {
        private final String whole;
        private String rest;
        private int year;
        private int month;
        private int day;

        Parse(String value) {
            this.whole = value;
            this.rest = value;
        }

        String run() {
            String e;
            if ((e = year()) != null || (e = literal("-")) != null
                    || (e = number("01", true, 1, 12)) != null || (e = literal("-")) != null
                    || (e = number("02", true, 0, 99)) != null || (e = literal("T")) != null
                    || (e = number("15", false, 0, 23)) != null || (e = literal(":")) != null
                    || (e = number("04", true, 0, 59)) != null || (e = literal(":")) != null
                    || (e = number("05", true, 0, 59)) != null || (e = fraction()) != null || (e = zone()) != null) {
                return e;
            }
            if (!rest.isEmpty()) return message(": extra text: " + quote(rest));
            if (day < 1 || day > daysIn(month, year)) return message(": day out of range");
            return null;
        }

        private String literal(String expected) {
            for (int i = 0; i < expected.length(); i++) {
                if (rest.isEmpty() || rest.charAt(0) != expected.charAt(i)) return cannotParse(rest, expected);
                rest = rest.substring(1);
            }
            return null;
        }

        private String year() {
            Integer y = rest.length() < 4 || !digit(rest, 0) ? null : atoi(rest.substring(0, 4));
            if (y == null) return cannotParse(rest, "2006");
            rest = rest.substring(4);
            year = y;
            return null;
        }

        /** A two-digit number of the layout ({@code fixed}: exactly two; an hour may have one); the day is range-checked last. */
        private String number(String chunk, boolean fixed, int min, int max) {
            String hold = rest;
            int value;
            if (!digit(rest, 0)) return cannotParse(hold, chunk);
            if (!digit(rest, 1)) {
                if (fixed) return cannotParse(hold, chunk);
                value = rest.charAt(0) - '0';
                rest = rest.substring(1);
            } else {
                value = (rest.charAt(0) - '0') * 10 + (rest.charAt(1) - '0');
                rest = rest.substring(2);
            }
            if (chunk.equals("01")) month = value;
            if (chunk.equals("02")) day = value;
            if (value < min || value > max) return message(": " + RANGE_NAMES.get(chunk) + " out of range");
            return null;
        }

        private String fraction() {
            String hold = rest;
            String chunk = ".000000";
            if (rest.length() < chunk.length() || (rest.charAt(0) != '.' && rest.charAt(0) != ',')) return cannotParse(hold, chunk);
            Integer nanos = atoi(rest.substring(1, chunk.length()));
            if (nanos == null) return cannotParse(hold, chunk);
            if (nanos < 0) return message(": fractional second out of range");
            rest = rest.substring(chunk.length());
            return null;
        }

        private String zone() {
            String hold = rest;
            String chunk = "Z07:00";
            if (rest.startsWith("Z")) {
                rest = rest.substring(1);
                return null;
            }
            if (rest.length() < 6 || rest.charAt(3) != ':') return cannotParse(hold, chunk);
            char sign = rest.charAt(0);
            String hours = rest.substring(1, 3);
            String minutes = rest.substring(4, 6);
            rest = rest.substring(6);
            if (!digit(hours, 0) || !digit(hours, 1) || !digit(minutes, 0) || !digit(minutes, 1)) return cannotParse(hold, chunk);
            String range = null;
            if (Integer.parseInt(hours) > 24) range = "time zone offset hour";
            if (Integer.parseInt(minutes) > 60) range = "time zone offset minute";
            if (range != null) return message(": " + range + " out of range");
            return sign == '+' || sign == '-' ? null : cannotParse(hold, chunk);
        }

        private String cannotParse(String valueElem, String layoutElem) {
            return "parsing time " + quote(whole) + " as " + quote(LAYOUT) + ": cannot parse " + quote(valueElem) + " as " + quote(layoutElem);
        }

        private String message(String text) {
            return "parsing time " + quote(whole) + text;
        }
    }

    private static boolean digit(String s, int i) {
        return s.length() > i && s.charAt(i) >= '0' && s.charAt(i) <= '9';
    }

    /** Go's time.atoi: an optional sign, then digits only. */
    private static Integer atoi(String s) {
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.isEmpty()) return null;
        for (int i = 0; i < s.length(); i++) if (!digit(s, i)) return null;
        int n = Integer.parseInt(s);
        return negative ? -n : n;
    }

    private static int daysIn(int month, int year) {
        if (month == 2) return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
        return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
    }

    /** The time package's quoting: quotes and backslashes escaped, control and non-ASCII bytes as \\xNN. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            if (c >= 0x80 || c < ' ') {
                for (byte b : new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8)) {
                    out.append(String.format("\\x%02x", b & 0xff));
                }
            } else {
                if (c == '"' || c == '\\') out.append('\\');
                out.append((char) c);
            }
        });
        return out.append('"').toString();
    }
}
