package dev.podium.model.json;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Kubernetes timestamps: RFC3339 at second precision in UTC (metav1.Time), microseconds (MicroTime), and RFC3339Nano for log lines. */
public final class Times {
    private Times() {}

    public static String rfc3339(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    public static String now(Clock clock) {
        return rfc3339(clock.instant());
    }

    /** metav1.MicroTime, e.g. a Lease's renewTime. */
    public static String rfc3339Micro(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.MICROS));
    }

    /** Always 9 fraction digits, as Go's RFC3339Nano does not (it trims zeros) but kubelet's CRI logs do. */
    public static String rfc3339Nano(Instant t) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.nnnnnnnnn'Z'").withZone(java.time.ZoneOffset.UTC).format(t);
    }
}
