package dev.podium.actors.objects;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigFactory;
import dev.podium.actors.controllers.namespace.NamespaceController;
import dev.podium.actors.controllers.nodelifecycle.NodeLifecycleController;
import dev.podium.actors.hints.ObjectChanged;
import dev.podium.actors.kubelet.Kubelets;
import dev.podium.actors.scheduler.SchedulerActor;
import dev.podium.model.api.ApiError;
import dev.podium.model.api.Cause;
import dev.podium.model.json.Json;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command, reply, hint and state that can cross members survives Jackson CBOR. */
class MessageSerializationTest {
    static final ActorTestKit kit = ActorTestKit.create(ConfigFactory.parseResources("serialization.conf").withFallback(ConfigFactory.load()));

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    static List<Object> messages() {
        ActorRef<ObjectReply> ref = kit.<ObjectReply>createTestProbe().ref();
        ObjectNode obj = Json.object();
        obj.put("kind", "ConfigMap");
        obj.putObject("metadata").put("name", "x").put("namespace", "d");
        obj.putObject("data").put("k", "v");
        ObjectNode patch = Json.object();
        patch.putObject("data").putNull("k");
        ApiError invalid = ApiError.invalid("", "ConfigMap", "x", List.of(Cause.required("metadata.name"), new Cause("FieldValueTooLong", null, "Too long")));
        return List.of(
                new ObjectCommand.Create(obj, false, ref),
                new ObjectCommand.Update(obj, 3, true, true, ref),
                new ObjectCommand.Patch("STRATEGIC_MERGE_PATCH", patch, 2, false, "kubectl", true, false, ref),
                new ObjectCommand.Delete(1, "uid-1", 30, false, ref),
                new ObjectCommand.Bind("node-1", "", ref),
                new ObjectCommand.Get(ref),
                new ObjectCommand.ChildChanged(new ObjectChanged("Pod", "d/p", obj, 5, false), "owner-uid"),
                new SchedulerActor.Hint(new ObjectChanged("Pod", "d/p", obj, 6, true)),
                new NodeLifecycleController.Hint(new ObjectChanged("Lease.coordination.k8s.io", "kube-node-lease/n", obj, 2, false)),
                new NamespaceController.Hint(new ObjectChanged("Namespace", "d", obj, 3, false)),
                new Kubelets.ForNode("n1", new ObjectChanged("Pod", "d/p", obj, 7, false)),
                new Kubelets.WhichNodes(kit.<Kubelets.NodeNames>createTestProbe().ref()),
                new Kubelets.NodeNames(List.of("n1", "n2")),
                new ObjectReply.Done(obj, 4, ObjectReply.Outcome.CREATED),
                new ObjectReply.Rejected(invalid),
                new ObjectReply.Rejected(ApiError.badRequest("bad")),
                new ObjectState(obj, 7),
                ObjectState.EMPTY);
    }

    @ParameterizedTest
    @MethodSource("messages")
    void roundTripsThroughCbor(Object message) {
        Serialization serialization = SerializationExtension.get(Adapter.toClassic(kit.system()));
        var serializer = serialization.findSerializerFor(message);
        // entity states are snapshots: the serializer that seals Secrets writes them, everything else is CBOR
        assertThat(serializer.getClass().getSimpleName()).isEqualTo(message instanceof ObjectState ? "SealingSerializer" : "JacksonCborSerializer");
        byte[] bytes = serialization.serialize(message).get();
        Object back = serialization.deserialize(bytes, serializer.identifier(), Serializers.manifestFor(serializer, message)).get();
        assertThat(back).isEqualTo(message);
    }
}
