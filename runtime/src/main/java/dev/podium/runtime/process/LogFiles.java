package dev.podium.runtime.process;

import dev.podium.model.json.Times;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Container log files. Layout, under a pod's directory:
 * <pre>
 *   logs/NAME.log              what the current run printed (stdout and stderr, interleaved), byte for byte
 *   logs/NAME.log.ts           timestamp index: lines "BYTE_OFFSET RFC3339NANO", meaning the file held
 *                              BYTE_OFFSET bytes at that time
 *   logs/NAME.previous.log     the previous run (kubectl logs --previous), with its own .ts
 * </pre>
 * The process writes straight into the file (no pipe through the JVM, so a running container survives an
 * agent restart); the index is sampled every {@code logIndexInterval}, so a line's timestamp is the first
 * sample taken after it was written (accurate to that interval). {@link #withTimestamps} renders
 * {@code kubectl logs --timestamps} output from the pair.
 */
public final class LogFiles {
    /** Plain output as the process wrote it; times from the sidecar index. */
    public static final dev.podium.runtime.ContainerLogs FORMAT = new dev.podium.runtime.ContainerLogs() {
        @Override
        public byte[] output(Path file) throws IOException {
            return Files.readAllBytes(file);
        }

        @Override
        public List<String> timedLines(Path file) {
            return withTimestamps(file);
        }

        @Override
        public Chunk appended(byte[] bytes) {
            return new Chunk(bytes, bytes.length);
        }
    };

    private final Clock clock;
    private final Map<Path, Long> tracked = new ConcurrentHashMap<>();

    LogFiles(Clock clock) {
        this.clock = clock;
    }

    static Path current(Path podDir, String container) {
        return podDir.resolve("logs").resolve(container + ".log");
    }

    static Path previous(Path podDir, String container) {
        return podDir.resolve("logs").resolve(container + ".previous.log");
    }

    static Path index(Path log) {
        return log.resolveSibling(log.getFileName() + ".ts");
    }

    /** Moves the current log (if any) to previous and starts an empty current one. */
    Path rotate(Path podDir, String container) throws IOException {
        Path cur = current(podDir, container), prev = previous(podDir, container);
        Files.createDirectories(cur.getParent());
        tracked.remove(cur);
        if (Files.exists(cur)) {
            Files.move(cur, prev, StandardCopyOption.REPLACE_EXISTING);
            if (Files.exists(index(cur))) Files.move(index(cur), index(prev), StandardCopyOption.REPLACE_EXISTING);
            else Files.deleteIfExists(index(prev));
        }
        Files.write(cur, new byte[0]);
        Files.write(index(cur), new byte[0]);
        return cur;
    }

    void track(Path log) {
        tracked.put(log, 0L);
    }

    /** Stops sampling {@code log} after one last sample. */
    void untrack(Path log) {
        sample(log);
        tracked.remove(log);
    }

    /** Samples every tracked file; called periodically by the runtime. */
    void sampleAll() {
        tracked.keySet().forEach(this::sample);
    }

    private void sample(Path log) {
        Long last = tracked.get(log);
        if (last == null) return;
        try {
            long size = Files.size(log);
            if (size > last) {
                tracked.put(log, size);
                Files.writeString(index(log), size + " " + Times.rfc3339Nano(clock.instant()) + "\n", StandardOpenOption.APPEND, StandardOpenOption.CREATE);
            }
        } catch (IOException ignored) {
            // the pod directory may be gone
        }
    }

    /** The lines of {@code log}, each prefixed with its RFC3339Nano timestamp and a space (kubectl logs --timestamps). */
    public static List<String> withTimestamps(Path log) {
        try {
            byte[] bytes = Files.readAllBytes(log);
            List<long[]> offsets = new ArrayList<>();
            List<String> times = new ArrayList<>();
            Path idx = index(log);
            if (Files.exists(idx)) for (String l : Files.readAllLines(idx)) {
                int sp = l.indexOf(' ');
                if (sp <= 0) continue;
                offsets.add(new long[] {Long.parseLong(l.substring(0, sp))});
                times.add(l.substring(sp + 1));
            }
            String fallback = Times.rfc3339Nano(Instant.ofEpochMilli(Files.getLastModifiedTime(log).toMillis()));
            List<String> out = new ArrayList<>();
            int start = 0, k = 0;
            for (int i = 0; i <= bytes.length; i++) {
                if (i < bytes.length && bytes[i] != '\n') continue;
                if (i == bytes.length && start == bytes.length) break;
                long end = i;
                while (k < offsets.size() && offsets.get(k)[0] < end) k++;
                String ts = k < offsets.size() ? times.get(k) : fallback;
                out.add(ts + " " + new String(bytes, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
