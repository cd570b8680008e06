package dev.podium.model.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;

/** Port of k8s.io/apimachinery/pkg/util/duration.HumanDuration: ~2-3 significant figures. */
public final class HumanDuration {
    private HumanDuration() {}

    public static String format(Duration d) {
        // Go truncates toward zero; toMillis() / 1000 does the same for negative values.
        long seconds = d.toMillis() / 1000;
        if (seconds < -1) return "<invalid>";
        if (seconds < 0) return "0s";
        if (seconds < 60 * 2) return seconds + "s";
        long minutes = seconds / 60;
        if (minutes < 10) {
            long s = seconds % 60;
            return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
        }
        if (minutes < 60 * 3) return minutes + "m";
        long hours = minutes / 60;
        if (hours < 8) {
            long m = minutes % 60;
            return m == 0 ? hours + "h" : hours + "h" + m + "m";
        }
        if (hours < 48) return hours + "h";
        if (hours < 24 * 8) {
            long h = hours % 24;
            return h == 0 ? hours / 24 + "d" : hours / 24 + "d" + h + "h";
        }
        if (hours < 24 * 365 * 2) return hours / 24 + "d";
        if (hours < 24 * 365 * 8) {
            long dy = hours / 24 % 365;
            return dy == 0 ? hours / 24 / 365 + "y" : hours / 24 / 365 + "y" + dy + "d";
        }
        return hours / 24 / 365 + "y";
    }

    /** kube's translateTimestampSince: "&lt;unknown&gt;" for a missing timestamp. */
    public static String since(JsonNode timestamp, Instant now) {
        Instant t = Timestamps.parse(timestamp);
        return t == null ? "<unknown>" : format(Duration.between(t, now));
    }
}
