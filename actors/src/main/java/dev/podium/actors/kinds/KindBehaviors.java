package dev.podium.actors.kinds;

import dev.podium.actors.objects.KindBehavior;
import dev.podium.model.kinds.ResourceKind;

import java.util.Map;

/** The behavior of each kind: its own where it has one, the shared {@link ObjectBehavior} otherwise. */
public final class KindBehaviors {
    private static final KindBehavior SHARED = new ObjectBehavior();
    private static final Map<String, KindBehavior> OWN = Map.of(
            "Pod", new PodBehavior(),
            "Node", new NodeBehavior(),
            "Namespace", new NamespaceBehavior(),
            "Lease.coordination.k8s.io", new LeaseBehavior());

    private KindBehaviors() {}

    public static KindBehavior of(ResourceKind kind) {
        return OWN.getOrDefault(kind.entityTypeName(), SHARED);
    }
}
