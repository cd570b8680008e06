package dev.podium.actors.controllers.job;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.actors.controllers.PodTemplates;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When a Job may create pods again after failures: 10 s after the last failure, doubling with
 * every failure since the last success, at most 6 minutes (kube's pod failure backoff).
 */
public final class JobBackoff {
    static final Duration BASE = Duration.ofSeconds(10);
    static final Duration CAP = Duration.ofMinutes(6);

    private JobBackoff() {}

    /** The delay after {@code failures} consecutive failures (0 without any). */
    public static Duration delay(int failures) {
        if (failures <= 0) return Duration.ZERO;
        Duration d = BASE;
        for (int i = 1; i < failures && d.compareTo(CAP) < 0; i++) d = d.multipliedBy(2);
        return d.compareTo(CAP) > 0 ? CAP : d;
    }

    /** When new pods may be created, given the Job's pods; empty when they may be now. */
    public static Optional<Instant> until(List<? extends JsonNode> pods, Instant now) {
        Instant lastSuccess = Instant.MIN;
        for (JsonNode p : pods) {
            if ("Succeeded".equals(p.path("status").path("phase").asText())) lastSuccess = max(lastSuccess, finished(p));
        }
        int failures = 0;
        Instant lastFailure = Instant.MIN;
        for (JsonNode p : pods) {
            if (!"Failed".equals(p.path("status").path("phase").asText())) continue;
            Instant f = finished(p);
            if (f.isAfter(lastSuccess)) {
                failures++;
                lastFailure = max(lastFailure, f);
            }
        }
        if (failures == 0) return Optional.empty();
        Instant at = lastFailure.plus(delay(failures));
        return at.isAfter(now) ? Optional.of(at) : Optional.empty();
    }

    /** When a finished pod's containers ended (their latest finishedAt), else when it was created. */
    static Instant finished(JsonNode pod) {
        Instant latest = null;
        for (JsonNode c : pod.path("status").path("containerStatuses")) {
            String t = c.path("state").path("terminated").path("finishedAt").asText("");
            if (!t.isEmpty()) latest = latest == null ? Instant.parse(t) : max(latest, Instant.parse(t));
        }
        if (latest != null) return latest;
        return PodTemplates.readySince(pod).orElse(Instant.parse(pod.path("metadata").path("creationTimestamp").asText("1970-01-01T00:00:00Z")));
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
