package dev.podium.http;

import dev.podium.model.api.ApiError;
import dev.podium.model.api.ApiException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

/** tailLines, limitBytes, timestamps, sinceSeconds and sinceTime of a log request. */
record LogOptions(long tailLines, long limitBytes, boolean timestamps, long sinceSeconds, Instant sinceTime) {
    static LogOptions from(ApiRequest req) {
        String since = req.param("sinceTime");
        Instant sinceTime;
        try {
            sinceTime = since == null || since.isEmpty() ? null : Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw new ApiException(ApiError.badRequest("sinceTime must be an RFC3339 time, not \"" + since + "\""));
        }
        return new LogOptions(number(req, "tailLines"), number(req, "limitBytes"), req.flag("timestamps"), number(req, "sinceSeconds"), sinceTime);
    }

    boolean needsTimes() {
        return timestamps || sinceSeconds >= 0 || sinceTime != null;
    }

    /** Lines prefixed with their time (as the runtime records them), filtered by since, prefix kept only for timestamps. */
    byte[] timed(List<String> lines, Instant now) {
        Instant from = sinceTime != null ? sinceTime : sinceSeconds >= 0 ? now.minusSeconds(sinceSeconds) : null;
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            int sp = line.indexOf(' ');
            Instant at = sp > 0 ? Instant.parse(line.substring(0, sp)) : now;
            if (from != null && at.isBefore(from)) continue;
            out.append(timestamps ? line : line.substring(sp + 1)).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static long number(ApiRequest req, String name) {
        String v = req.param(name);
        if (v == null || v.isEmpty()) return -1;
        try {
            long n = Long.parseLong(v);
            if (n < 0) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new ApiException(ApiError.badRequest(name + " must be a whole number of at least 0, not \"" + v + "\""));
        }
    }

    byte[] select(byte[] content) {
        byte[] out = content;
        if (tailLines >= 0) out = lastLines(out, tailLines);
        if (limitBytes >= 0 && out.length > limitBytes) out = Arrays.copyOf(out, (int) limitBytes);
        return out;
    }

    private static byte[] lastLines(byte[] content, long n) {
        if (n == 0) return new byte[0];
        int end = content.length;
        int pos = end;
        if (pos > 0 && content[pos - 1] == '\n') pos--;
        long seen = 0;
        while (pos > 0) {
            if (content[pos - 1] == '\n' && ++seen == n) break;
            pos--;
        }
        return Arrays.copyOfRange(content, pos, end);
    }
}
