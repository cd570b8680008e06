package dev.podium.runtime.cri;

import dev.podium.model.json.Times;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The CRI log format containerd writes: one record per line, {@code TIME STREAM TAG TEXT}, TIME in RFC 3339
 * with nanoseconds, STREAM {@code stdout} or {@code stderr}, TAG {@code F} for a full line and {@code P} for a
 * part of one that goes on in the next record. Pure.
 */
public final class CriLogFormat {
    /** {@code kubectl logs} of CRI log files. */
    public static final dev.podium.runtime.ContainerLogs FORMAT = new dev.podium.runtime.ContainerLogs() {
        @Override
        public byte[] output(Path file) throws IOException {
            return text(file);
        }

        @Override
        public List<String> timedLines(Path file) throws IOException {
            return CriLogFormat.timedLines(file);
        }

        @Override
        public Chunk appended(byte[] bytes) {
            CriLogFormat.Chunk c = parse(bytes);
            return new Chunk(c.text().getBytes(StandardCharsets.UTF_8), c.consumed());
        }
    };

    /** Text of the complete records in a chunk, and how many bytes of it they took. */
    public record Chunk(String text, int consumed) {}

    /** One record: its time (RFC3339Nano, UTC), stream ({@code stdout} or {@code stderr}), whether a line goes on in the next one, and its text. */
    public record Record(String time, String stream, boolean partial, String text) {
        /** The text as the container wrote it: a full line ends with a newline. */
        public String output() {
            return partial ? text : text + "\n";
        }
    }

    /** The complete records at the start of {@code bytes}, and how many bytes they took. */
    public record Records(List<Record> records, int consumed) {}

    private CriLogFormat() {}

    /** The container's output, as {@code kubectl logs} shows it. */
    public static byte[] text(Path file) throws IOException {
        return parse(Files.readAllBytes(file)).text().getBytes(StandardCharsets.UTF_8);
    }

    /** Each output line prefixed with its time (RFC3339Nano, UTC) and a space, for {@code --timestamps} and {@code --since}. */
    public static List<String> timedLines(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        StringBuilder partial = new StringBuilder();
        String partialTime = null;
        for (String record : Files.readString(file, StandardCharsets.UTF_8).split("\n")) {
            Record r = record(record);
            if (r == null) continue;
            if (partialTime == null) partialTime = r.time();
            partial.append(r.text());
            if (!r.partial()) {
                out.add(partialTime + " " + partial);
                partial.setLength(0);
                partialTime = null;
            }
        }
        if (partialTime != null) out.add(partialTime + " " + partial);
        return out;
    }

    /** The output of the complete records at the start of {@code bytes} (a record ends with a newline). */
    public static Chunk parse(byte[] bytes) {
        Records rs = records(bytes);
        StringBuilder out = new StringBuilder();
        rs.records().forEach(r -> out.append(r.output()));
        return new Chunk(out.toString(), rs.consumed());
    }

    public static Records records(byte[] bytes) {
        int end = lastNewline(bytes) + 1;
        List<Record> out = new ArrayList<>();
        for (String line : new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n")) {
            Record r = record(line);
            if (r != null) out.add(r);
        }
        return new Records(out, end);
    }

    private static Record record(String line) {
        int a = line.indexOf(' ');
        int b = a < 0 ? -1 : line.indexOf(' ', a + 1);
        int c = b < 0 ? -1 : line.indexOf(' ', b + 1);
        if (c < 0) {
            // a record with empty text may lack the last space
            if (b > 0 && b + 2 == line.length()) c = line.length();
            else return null;
        }
        String time;
        try {
            time = Times.rfc3339Nano(OffsetDateTime.parse(line.substring(0, a)).toInstant());
        } catch (RuntimeException e) {
            return null;
        }
        boolean partial = line.startsWith("P", b + 1);
        return new Record(time, line.substring(a + 1, b), partial, c >= line.length() ? "" : line.substring(c + 1));
    }

    private static int lastNewline(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) if (bytes[i] == '\n') return i;
        return -1;
    }
}
