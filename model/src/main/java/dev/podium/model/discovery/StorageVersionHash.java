package dev.podium.model.discovery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/** kube's discovery.StorageVersionHash: base64 of the first 8 bytes of sha256("group/version/kind"). */
final class StorageVersionHash {
    private StorageVersionHash() {}

    static String of(String group, String version, String kind) {
        byte[] sum = sha256((group + "/" + version + "/" + kind).getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(Arrays.copyOf(sum, 8));
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
