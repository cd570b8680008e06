package dev.podium.model.crd;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** kube-openapi's string formats a CRD schema may use (strfmt's default registry, as kube 1.32 serves it). */
final class StringFormats {
    private static final Pattern UUID = Pattern.compile("(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\\z");
    private static final Pattern UUID3 = Pattern.compile("(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?3[0-9a-f]{3}-?[0-9a-f]{4}-?[0-9a-f]{12}\\z");
    private static final Pattern UUID4 = Pattern.compile("(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?4[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}\\z");
    private static final Pattern UUID5 = Pattern.compile("(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?5[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}\\z");
    private static final Pattern DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
    private static final Pattern TIME = Pattern.compile("^([0-9]{2}):([0-9]{2}):([0-9]{2})(.[0-9]+)?(z|([+-][0-9]{2}:[0-9]{2}))\\z");
    private static final Pattern BASE64 = Pattern.compile("^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})\\z");
    private static final Pattern GO_DURATION = Pattern.compile("[-+]?(?:(?:\\d+\\.?\\d*|\\.\\d+)(?:ns|us|\u00b5s|\u03bcs|ms|s|m|h))+");
    private static final Pattern DURATION = Pattern.compile("^\\s*(?:\\d+\\s*[A-Za-z\u00b5]+\\s*)+\\z");
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+)\\s*([A-Za-z\u00b5]+)");
    private static final List<List<String>> DURATION_UNITS = List.of(List.of("ns", "nano"), List.of("us", "\u00b5s", "micro"),
            List.of("ms", "milli"), List.of("s", "sec"), List.of("m", "min"), List.of("h", "hr", "hour"), List.of("d", "day"),
            List.of("w", "wk", "week"));
    private static final Pattern CREDIT_CARD = Pattern.compile("^(?:4[0-9]{12}(?:[0-9]{3})?|5[1-5][0-9]{14}|6(?:011|5[0-9][0-9])[0-9]{12}"
            + "|3[47][0-9]{13}|3(?:0[0-5]|[68][0-9])[0-9]{11}|(?:2131|1800|35\\d{3})\\d{11})\\z");
    private static final Pattern SSN = Pattern.compile("^\\d{3}[- ]?\\d{2}[- ]?\\d{4}\\z");
    private static final Pattern HEX_COLOR = Pattern.compile("^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})\\z");
    private static final String RGB_PART = "\\s*(0|[1-9]\\d?|1\\d\\d?|2[0-4]\\d|25[0-5])\\s*";
    private static final Pattern RGB_COLOR = Pattern.compile("^rgb\\(" + RGB_PART + "," + RGB_PART + "," + RGB_PART + "\\)\\z");
    private static final Pattern BSON_ID = Pattern.compile("^[0-9a-fA-F]{24}\\z");

    private StringFormats() {}

    /** Whether {@code text} is valid for {@code format} (a format this class does not check always is). */
    static boolean valid(String format, String text) {
        return switch (format.replace("-", "")) {
            case "uri" -> NetworkFormats.isRequestUri(text);
            case "email" -> NetworkFormats.isEmail(text);
            case "hostname" -> NetworkFormats.isHostname(text);
            case "ipv4" -> NetworkFormats.isIPv4(text);
            case "ipv6" -> NetworkFormats.isIPv6(text);
            case "cidr" -> NetworkFormats.isCidr(text);
            case "mac" -> NetworkFormats.isMac(text);
            case "uuid" -> UUID.matcher(text).find();
            case "uuid3" -> UUID3.matcher(text).find();
            case "uuid4" -> UUID4.matcher(text).find();
            case "uuid5" -> UUID5.matcher(text).find();
            case "isbn" -> isIsbn10(text) || isIsbn13(text);
            case "isbn10" -> isIsbn10(text);
            case "isbn13" -> isIsbn13(text);
            case "creditcard" -> isCreditCard(text);
            case "ssn" -> text.length() == 11 && SSN.matcher(text).find();
            case "hexcolor" -> HEX_COLOR.matcher(text).find();
            case "rgbcolor" -> RGB_COLOR.matcher(text).find();
            case "byte" -> BASE64.matcher(text).find();
            case "date" -> isDate(text);
            case "datetime" -> isDateTime(text);
            case "duration" -> isDuration(text);
            case "bsonobjectid" -> BSON_ID.matcher(text).find();
            default -> true;
        };
    }

    /** Whether kube-openapi's registry checks strings against the (already CRD-filtered) format. */
    static boolean known(String format) {
        return !format.isEmpty() && !List.of("int32", "int64", "float", "double").contains(format);
    }

    /** time.Parse("2006-01-02"): two-digit month and day, the day within its month. */
    static boolean isDate(String text) {
        Matcher m = DATE.matcher(text);
        if (!m.matches()) return false;
        try {
            LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    /** strfmt.IsDateTime: a date, a 't' and an RFC 3339 time, compared case-insensitively. */
    static boolean isDateTime(String text) {
        if (text.length() < 4) return false;
        String[] parts = text.toLowerCase(Locale.ROOT).split("t", -1);
        if (parts.length < 2 || !isDate(parts[0])) return false;
        Matcher m = TIME.matcher(parts[1]);
        return m.find() && m.group(1).compareTo("23") <= 0 && m.group(2).compareTo("59") <= 0 && m.group(3).compareTo("59") <= 0;
    }

    /** Go's time.ParseDuration, or strfmt's "3 days"-style units (any recognised unit will do). */
    static boolean isDuration(String text) {
        if (text.matches("[-+]?0") || GO_DURATION.matcher(text).matches()) return true;
        if (!DURATION.matcher(text).find()) return false;
        Matcher m = DURATION_PART.matcher(text);
        while (m.find()) {
            String unit = m.group(2).trim().toLowerCase(Locale.ROOT);
            for (List<String> variants : DURATION_UNITS) {
                for (int i = 0; i < variants.size(); i++) {
                    String variant = variants.get(i);
                    if (i == variants.size() - 1 && unit.startsWith(variant) || variant.equalsIgnoreCase(unit)) return true;
                }
            }
        }
        return false;
    }

    private static boolean isIsbn10(String text) {
        String s = text.replaceAll("[\\s-]+", "");
        if (!s.matches("[0-9]{9}X|[0-9]{10}")) return false;
        int sum = 0;
        for (int i = 0; i < 9; i++) sum += (i + 1) * (s.charAt(i) - '0');
        sum += 10 * (s.charAt(9) == 'X' ? 10 : s.charAt(9) - '0');
        return sum % 11 == 0;
    }

    private static boolean isIsbn13(String text) {
        String s = text.replaceAll("[\\s-]+", "");
        if (!s.matches("[0-9]{13}")) return false;
        int sum = 0;
        for (int i = 0; i < 12; i++) sum += (i % 2 == 0 ? 1 : 3) * (s.charAt(i) - '0');
        return (s.charAt(12) - '0') - (10 - sum % 10) % 10 == 0;
    }

    /** The card pattern plus the Luhn checksum, non-digits ignored. */
    private static boolean isCreditCard(String text) {
        String s = text.replaceAll("[^0-9]+", "");
        if (!CREDIT_CARD.matcher(s).find()) return false;
        int sum = 0;
        boolean twice = false;
        for (int i = s.length() - 1; i >= 0; i--) {
            int d = s.charAt(i) - '0';
            if (twice) d = d * 2 >= 10 ? d * 2 % 10 + 1 : d * 2;
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }
}
