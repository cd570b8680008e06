package dev.podium.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a Podium JVM logged ({@code HH:mm:ss.SSS LEVEL logger - message}) from a moment t0 on,
 * each line with its offset from t0: what a survivor saw of a failover. Indented continuation
 * lines (the cluster view) belong to the line before them; stack frames are left out.
 */
final class NodeLogTimeline {
    private static final long HALF_DAY_MILLIS = Duration.ofHours(12).toMillis();
    private final List<Entry> entries;

    record Entry(long offsetMillis, String text) {
        @Override
        public String toString() {
            return String.format("%+8.3f s %s", offsetMillis / 1000.0, abbreviate(text));
        }
    }

    private NodeLogTimeline(List<Entry> entries) {
        this.entries = entries;
    }

    static NodeLogTimeline read(Path log, LocalTime t0) throws IOException {
        List<Entry> entries = new ArrayList<>();
        long offset = -1;
        for (String line : Files.readAllLines(log)) {
            LocalTime at = timestamp(line);
            if (at != null) {
                offset = Duration.between(t0, at).toMillis();
                if (offset < -HALF_DAY_MILLIS) offset += 2 * HALF_DAY_MILLIS; // t0 before midnight, the line after
                if (offset >= 0) entries.add(new Entry(offset, line.substring(13)));
            } else if (offset >= 0 && line.startsWith("  ") && !line.trim().startsWith("at ")) {
                entries.add(new Entry(offset, "  " + line.trim()));
            }
        }
        return new NodeLogTimeline(entries);
    }

    /** Milliseconds from t0 to the first line containing {@code text}; -1 when there is none. */
    long first(String text) {
        return entries.stream().filter(e -> e.text().contains(text)).mapToLong(Entry::offsetMillis).findFirst().orElse(-1);
    }

    List<String> lines(int max) {
        List<String> out = new ArrayList<>(entries.stream().limit(max).map(Entry::toString).toList());
        if (entries.size() > max) out.add("         … " + (entries.size() - max) + " more lines");
        return out;
    }

    private static LocalTime timestamp(String line) {
        if (line.length() < 13 || line.charAt(2) != ':' || line.charAt(12) != ' ') return null;
        try {
            return LocalTime.parse(line.substring(0, 12));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 240 ? s : s.substring(0, 240) + "…";
    }
}
