package dev.podium.persistence.events;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The AES-256 keys Secrets are sealed with, from a file of {@code name:base64key} lines: the first
 * seals, every one opens (rotation: put the new key first, keep the old one until every Secret
 * has been written again).
 */
public final class SecretKeys {
    static final String PREFIX = "k8s:enc:aesgcm:v1:";
    private static final byte[] PREFIX_BYTES = PREFIX.getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    static final SecretKeys NONE = new SecretKeys(new LinkedHashMap<>());
    private static final SecureRandom RANDOM = new SecureRandom();
    private final LinkedHashMap<String, SecretKeySpec> keys;

    private SecretKeys(LinkedHashMap<String, SecretKeySpec> keys) {
        this.keys = keys;
    }

    public static SecretKeys read(Path file) throws IOException {
        LinkedHashMap<String, SecretKeySpec> keys = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            int colon = line.indexOf(':');
            byte[] key;
            try {
                key = colon <= 0 ? new byte[0] : Base64.getDecoder().decode(line.substring(colon + 1).strip());
            } catch (IllegalArgumentException e) {
                key = new byte[0];
            }
            if (key.length != 32) throw new IOException(file + " line " + (i + 1) + ": expected NAME:BASE64 with a 32-byte (AES-256) key");
            keys.put(line.substring(0, colon).strip(), new SecretKeySpec(key, "AES"));
        }
        if (keys.isEmpty()) throw new IOException(file + " lists no key");
        return new SecretKeys(keys);
    }

    /** A new key file with one random key named {@code key1}, readable by its owner only, unless the file exists. */
    public static void createIfMissing(Path file) throws IOException {
        if (Files.exists(file)) return;
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, "# Secrets in the journal are sealed with the first key; every key listed opens them.\nkey1:"
                + Base64.getEncoder().encodeToString(key) + "\n");
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static boolean isSealed(byte[] bytes) {
        if (bytes.length < PREFIX_BYTES.length) return false;
        for (int i = 0; i < PREFIX_BYTES.length; i++) if (bytes[i] != PREFIX_BYTES[i]) return false;
        return true;
    }

    byte[] seal(byte[] plain) {
        if (keys.isEmpty()) return plain;
        Map.Entry<String, SecretKeySpec> first = keys.entrySet().iterator().next();
        try {
            byte[] nonce = new byte[NONCE];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, first.getValue(), new GCMParameterSpec(TAG_BITS, nonce));
            byte[] head = (PREFIX + first.getKey() + ":").getBytes(StandardCharsets.US_ASCII);
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(head.length + NONCE + sealed.length).put(head).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a Secret: " + e.getMessage(), e);
        }
    }

    byte[] open(byte[] sealed) {
        int nameEnd = -1;
        for (int i = PREFIX_BYTES.length; i < sealed.length; i++) {
            if (sealed[i] == ':') {
                nameEnd = i;
                break;
            }
        }
        if (nameEnd < 0) throw new IllegalArgumentException("a sealed Secret without a key name");
        String name = new String(sealed, PREFIX_BYTES.length, nameEnd - PREFIX_BYTES.length, StandardCharsets.US_ASCII);
        SecretKeySpec key = keys.get(name);
        if (key == null) {
            throw new IllegalArgumentException("a Secret is sealed with key \"" + name + "\", which the Secrets encryption key file does not list");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, nameEnd + 1, NONCE));
            return cipher.doFinal(sealed, nameEnd + 1 + NONCE, sealed.length - nameEnd - 1 - NONCE);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("a Secret sealed with key \"" + name + "\" does not open with it: " + e.getMessage(), e);
        }
    }
}
