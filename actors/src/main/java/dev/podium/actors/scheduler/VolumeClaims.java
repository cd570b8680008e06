package dev.podium.actors.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Optional;
import java.util.function.Function;

/**
 * kube's VolumeBinding PreFilter for claims bound as they are created (Podium's classes bind at
 * once): a pod whose PersistentVolumeClaims are not all Bound waits, so it never starts on a
 * volume other than the one its claim ends up with.
 */
public final class VolumeClaims {
    private VolumeClaims() {}

    /** Why the pod must wait for its claims, in kube's words; empty when each is Bound. {@code claims} looks up {@code namespace/name}. */
    public static Optional<String> waiting(ObjectNode pod, Function<String, Optional<ObjectNode>> claims) {
        String namespace = pod.path("metadata").path("namespace").asText();
        boolean unbound = false;
        for (JsonNode volume : pod.path("spec").path("volumes")) {
            String name = volume.path("persistentVolumeClaim").path("claimName").asText("");
            if (name.isEmpty()) continue;
            Optional<ObjectNode> claim = claims.apply(namespace + "/" + name);
            if (claim.isEmpty()) return Optional.of("persistentvolumeclaim \"" + name + "\" not found");
            if (claim.get().path("metadata").has("deletionTimestamp")) return Optional.of("persistentvolumeclaim \"" + name + "\" is being deleted");
            unbound |= !"Bound".equals(claim.get().path("status").path("phase").asText());
        }
        return unbound ? Optional.of("pod has unbound immediate PersistentVolumeClaims") : Optional.empty();
    }
}
