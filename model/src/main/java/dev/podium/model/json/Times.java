package dev.podium.model.json;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Kubernetes timestamps: RFC3339 at second precision in UTC (metav1.Time), microseconds (MicroTime), and RFC3339Nano for log lines. */
public final class Times {
    private static final DateTimeFormatter MICRO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private Times() {}

    public static String rfc3339(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    public static String now(Clock clock) {
        return rfc3339(clock.instant());
    }

    /** metav1.MicroTime, e.g. a Lease's renewTime: always six fraction digits, as Go's RFC3339Micro layout reads and writes it. */
    public static String rfc3339Micro(Instant t) {
        return MICRO.format(t);
    }

    /** Always 9 fraction digits, as Go's RFC3339Nano does not (it trims zeros) but kubelet's CRI logs do. */
    public static String rfc3339Nano(Instant t) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.nnnnnnnnn'Z'").withZone(ZoneOffset.UTC).format(t);
    }
}
