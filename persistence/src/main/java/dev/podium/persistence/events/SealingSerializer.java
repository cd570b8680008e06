package dev.podium.persistence.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podium.persistence.CarriesObject;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.serialization.SerializerWithStringManifest;

import java.io.IOException;
import java.io.NotSerializableException;
import java.nio.file.Path;

/**
 * The journal's and snapshot store's serializer for API objects: JSON, and for Secrets sealed
 * with AES-GCM when {@code podium.secrets-encryption.key-file} names the keys (kube's
 * EncryptionConfiguration idea: {@code k8s:enc:aesgcm:v1:KEYNAME:} + nonce + ciphertext, written with the
 * first key, read with any listed). Reading the journal table shows no Secret value; a row sealed
 * with a key no longer listed cannot be read, and says which key it needs.
 */
public final class SealingSerializer extends SerializerWithStringManifest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final int identifier;
    private final SecretKeys keys;

    public SealingSerializer(ExtendedActorSystem system) {
        var config = system.settings().config();
        this.identifier = config.getInt("podium.secrets-encryption.serializer-id");
        String file = config.hasPath("podium.secrets-encryption.key-file") ? config.getString("podium.secrets-encryption.key-file") : "";
        try {
            this.keys = file.isBlank() ? SecretKeys.NONE : SecretKeys.read(Path.of(file));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the Secrets encryption keys in " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int identifier() {
        return identifier;
    }

    @Override
    public String manifest(Object o) {
        return o.getClass().getName();
    }

    @Override
    public byte[] toBinary(Object o) {
        try {
            byte[] json = JSON.writeValueAsBytes(o);
            boolean secret = o instanceof CarriesObject c && c.object() != null && "Secret".equals(c.object().path("kind").asText());
            return secret ? keys.seal(json) : json;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serialize " + o.getClass().getName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
        try {
            byte[] json = SecretKeys.isSealed(bytes) ? keys.open(bytes) : bytes;
            return JSON.readValue(json, Class.forName(manifest));
        } catch (ClassNotFoundException e) {
            throw new NotSerializableException("unknown manifest " + manifest);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read a " + manifest + ": " + e.getMessage(), e);
        }
    }
}
