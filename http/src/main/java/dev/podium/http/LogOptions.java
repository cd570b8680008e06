package dev.podium.http;

import dev.podium.model.api.ApiError;
import dev.podium.model.api.ApiException;

import java.util.Arrays;

/** tailLines and limitBytes of a log request, applied to the log's bytes. */
record LogOptions(long tailLines, long limitBytes) {
    static LogOptions from(ApiRequest req) {
        return new LogOptions(number(req, "tailLines"), number(req, "limitBytes"));
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
