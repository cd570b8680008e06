package dev.podium.persistence.events;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every journaled event survives the configured serializer (JSON, not Java serialization). */
class ObjectEventSerializationTest {
    static final ActorTestKit kit = ActorTestKit.create(ConfigFactory.parseResources("serialization.conf").withFallback(ConfigFactory.load()));

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    static List<ObjectEvent> events() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("kind", "ConfigMap");
        o.putObject("metadata").put("name", "x").putArray("finalizers").add("a/b");
        o.putObject("data").put("k", "v");
        return List.of(new ObjectEvent.ObjectCreated(o), new ObjectEvent.ObjectUpdated(o), new ObjectEvent.ObjectDeleted(o));
    }

    @ParameterizedTest
    @MethodSource("events")
    void roundTrips(ObjectEvent event) {
        Serialization serialization = SerializationExtension.get(Adapter.toClassic(kit.system()));
        var serializer = serialization.findSerializerFor(event);
        assertThat(serializer.getClass().getSimpleName()).isEqualTo("SealingSerializer");
        byte[] bytes = serialization.serialize(event).get();
        Object back = serialization.deserialize(bytes, serializer.identifier(), Serializers.manifestFor(serializer, event)).get();
        assertThat(back).isEqualTo(event);
    }
}
