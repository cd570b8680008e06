package dev.podium.model.validation;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Secret and binaryData values: standard padded base64 checked as Go's encoding/base64 checks it. */
public final class Base64Data {
    private Base64Data() {}

    public static String encode(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Null when {@code s} is valid, else Go's message: {@code illegal base64 data at input byte N}. */
    public static String error(String s) {
        int offset = corruptOffset(s);
        return offset < 0 ? null : "illegal base64 data at input byte " + offset;
    }

    /** The decoded length of a valid value. */
    public static int decodedLength(String s) {
        return decode(s).length;
    }

    public static byte[] decode(String s) {
        return Base64.getDecoder().decode(s.replace("\r", "").replace("\n", ""));
    }

    // Go's decodeQuantum, reduced to finding the offset it would report (-1: valid).
    private static int corruptOffset(String src) {
        int si = 0;
        int n = src.length();
        while (si < n) {
            int j = 0;
            boolean end = false;
            while (j < 4) {
                if (si == n) {
                    if (j == 0) return -1;
                    return si - j;
                }
                char in = src.charAt(si++);
                if (isAlphabet(in)) {
                    j++;
                    continue;
                }
                if (in == '\n' || in == '\r') continue;
                if (in != '=') return si - 1;
                if (j < 2) return si - 1;
                if (j == 2) {
                    while (si < n && (src.charAt(si) == '\n' || src.charAt(si) == '\r')) si++;
                    if (si == n) return n;
                    if (src.charAt(si) != '=') return si - 1;
                    si++;
                }
                while (si < n && (src.charAt(si) == '\n' || src.charAt(si) == '\r')) si++;
                if (si < n) return si;
                end = true;
                break;
            }
            if (end) return -1;
        }
        return -1;
    }

    private static boolean isAlphabet(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
    }
}
