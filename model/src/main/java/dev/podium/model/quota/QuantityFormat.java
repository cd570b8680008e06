package dev.podium.model.quota;

import java.math.BigDecimal;

/** A summed quantity written back as kube would: whole numbers plain, fractions of a core in millis, bytes with a binary suffix when exact. */
public final class QuantityFormat {
    private static final String[] BINARY = {"Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};

    private QuantityFormat() {}

    public static String format(String resource, BigDecimal value) {
        BigDecimal v = value.stripTrailingZeros();
        if (v.scale() > 0) return v.movePointRight(3).setScale(0, java.math.RoundingMode.CEILING).toPlainString() + "m";
        boolean bytes = resource.contains("memory") || resource.contains("storage");
        if (bytes && v.signum() > 0) {
            BigDecimal unit = BigDecimal.valueOf(1024);
            int i = -1;
            while (i + 1 < BINARY.length && v.remainder(unit).signum() == 0) {
                v = v.divide(unit);
                i++;
            }
            if (i >= 0) return v.toPlainString() + BINARY[i];
        }
        return v.toPlainString();
    }
}
