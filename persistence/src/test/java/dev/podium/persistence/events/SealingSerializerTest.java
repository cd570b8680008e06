package dev.podium.persistence.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SealingSerializerTest {
    private static ObjectNode object(String kind, String value) {
        ObjectNode o = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", kind);
        o.putObject("metadata").put("name", "x").put("namespace", "demo");
        o.putObject("data").put("password", Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
        return o;
    }

    private static Path keyFile(String... lines) throws Exception {
        Path f = Files.createTempFile("keys", ".txt");
        Files.writeString(f, String.join("\n", lines) + "\n");
        return f;
    }

    private static String key() {
        byte[] k = new byte[32];
        new java.security.SecureRandom().nextBytes(k);
        return Base64.getEncoder().encodeToString(k);
    }

    private static <T> T withSerialization(Path keys, java.util.function.Function<Serialization, T> body) {
        ActorTestKit kit = ActorTestKit.create(ConfigFactory.parseString("podium.secrets-encryption.key-file = \"" + keys + "\"")
                .withFallback(ConfigFactory.parseResources("serialization.conf")).withFallback(ConfigFactory.load()));
        try {
            return body.apply(SerializationExtension.get(Adapter.toClassic(kit.system())));
        } finally {
            kit.shutdownTestKit();
        }
    }

    @Test
    void aSecretIsSealedAndOpensAgainWhileOtherObjectsStayReadableJson() throws Exception {
        Path keys = keyFile("key1:" + key());
        withSerialization(keys, s -> {
            ObjectEvent secret = new ObjectEvent.ObjectCreated(object("Secret", "hunter2"));
            byte[] bytes = s.serialize(secret).get();
            String stored = new String(bytes, StandardCharsets.ISO_8859_1);
            assertThat(stored).startsWith("k8s:enc:aesgcm:v1:key1:").doesNotContain("hunter2")
                    .doesNotContain(Base64.getEncoder().encodeToString("hunter2".getBytes(StandardCharsets.UTF_8))).doesNotContain("password");
            var serializer = s.findSerializerFor(secret);
            Object back = s.deserialize(bytes, serializer.identifier(), Serializers.manifestFor(serializer, secret)).get();
            assertThat(back).isEqualTo(secret);
            ObjectEvent cm = new ObjectEvent.ObjectUpdated(object("ConfigMap", "visible"));
            assertThat(new String(s.serialize(cm).get(), StandardCharsets.UTF_8)).contains("\"kind\":\"ConfigMap\"");
            return null;
        });
    }

    @Test
    void rotationReadsWithEveryListedKeyAndWritesWithTheFirst() throws Exception {
        String old = key();
        byte[] sealedWithOld = withSerialization(keyFile("key1:" + old), s -> s.serialize(new ObjectEvent.ObjectCreated(object("Secret", "s"))).get());
        withSerialization(keyFile("key2:" + key(), "key1:" + old), s -> {
            var event = new ObjectEvent.ObjectCreated(object("Secret", "s"));
            var serializer = s.findSerializerFor(event);
            String manifest = Serializers.manifestFor(serializer, event);
            assertThat(s.deserialize(sealedWithOld, serializer.identifier(), manifest).get()).isEqualTo(event);
            assertThat(new String(s.serialize(event).get(), StandardCharsets.ISO_8859_1)).startsWith("k8s:enc:aesgcm:v1:key2:");
            return null;
        });
        withSerialization(keyFile("key2:" + key()), s -> {
            var event = new ObjectEvent.ObjectCreated(object("Secret", "s"));
            var serializer = s.findSerializerFor(event);
            assertThat(s.deserialize(sealedWithOld, serializer.identifier(), Serializers.manifestFor(serializer, event)).failed().get().getMessage())
                    .contains("sealed with key \"key1\", which the Secrets encryption key file does not list");
            return null;
        });
    }

    @Test
    void aKeyFileWithAShortKeyIsRefused() throws Exception {
        Path bad = keyFile("key1:" + Base64.getEncoder().encodeToString(new byte[16]));
        assertThatThrownBy(() -> SecretKeys.read(bad)).hasMessageContaining("expected NAME:BASE64 with a 32-byte (AES-256) key");
    }
}
