package dev.podium.model.validation;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses resource quantities ("100m", "1Gi", "1e3") the way resource.ParseQuantity accepts them. */
public final class Quantities {
    public static final String FORMAT_ERROR =
            "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
    private static final Pattern SHAPE = Pattern.compile("([+-]?)([0-9]+\\.?[0-9]*|\\.[0-9]+)(.*)");
    private static final Pattern EXPONENT = Pattern.compile("[eE]([+-]?[0-9]+)");
    private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
            Map.entry("", BigDecimal.ONE),
            Map.entry("n", new BigDecimal("1e-9")), Map.entry("u", new BigDecimal("1e-6")), Map.entry("m", new BigDecimal("1e-3")),
            Map.entry("k", new BigDecimal("1e3")), Map.entry("M", new BigDecimal("1e6")), Map.entry("G", new BigDecimal("1e9")),
            Map.entry("T", new BigDecimal("1e12")), Map.entry("P", new BigDecimal("1e15")), Map.entry("E", new BigDecimal("1e18")),
            Map.entry("Ki", BigDecimal.valueOf(1L << 10)), Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
            Map.entry("Gi", BigDecimal.valueOf(1L << 30)), Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
            Map.entry("Pi", BigDecimal.valueOf(1L << 50)), Map.entry("Ei", BigDecimal.valueOf(1L << 60)));

    private Quantities() {}

    /** The value of a quantity string, or null when it is not one. */
    public static BigDecimal parse(String s) {
        if (s == null) return null;
        Matcher m = SHAPE.matcher(s.trim());
        if (!m.matches()) return null;
        BigDecimal number = new BigDecimal(m.group(2).endsWith(".") ? m.group(2) + "0" : m.group(2));
        if (m.group(1).equals("-")) number = number.negate();
        String suffix = m.group(3);
        BigDecimal factor = SUFFIXES.get(suffix);
        if (factor != null) return number.multiply(factor);
        Matcher e = EXPONENT.matcher(suffix);
        if (!e.matches()) return null;
        try {
            return number.scaleByPowerOfTen(Integer.parseInt(e.group(1)));
        } catch (NumberFormatException ex) {
            return null;
        }
    }

    /** A quantity as it appears in JSON: a string, or a bare number. */
    public static BigDecimal parse(JsonNode node) {
        if (node == null || node.isNull()) return null;
        if (node.isNumber()) return node.decimalValue();
        if (node.isTextual()) return parse(node.asText());
        return null;
    }
}
