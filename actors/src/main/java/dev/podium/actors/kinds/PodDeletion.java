package dev.podium.actors.kinds;

import dev.podium.model.json.Times;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.objects.Decision;
import dev.podium.actors.objects.ObjectReply;
import dev.podium.persistence.events.ObjectEvent;

import java.time.Instant;

/**
 * Graceful pod deletion as Kubernetes does it: a pod running on a node is only marked
 * (deletionTimestamp = now + grace, deletionGracePeriodSeconds = grace) and its node agent stops
 * the containers, then deletes it with grace 0. Unbound or finished pods, and grace 0 (--force),
 * are deleted at once.
 */
final class PodDeletion {
    private PodDeletion() {}

    static boolean isGraceful(ObjectNode pod, long requestedGrace) {
        if (pod.path("spec").path("nodeName").asText("").isEmpty()) return false;
        String phase = pod.path("status").path("phase").asText("");
        if (phase.equals("Succeeded") || phase.equals("Failed")) return false;
        return grace(pod, requestedGrace) > 0;
    }

    static long grace(ObjectNode pod, long requestedGrace) {
        return requestedGrace >= 0 ? requestedGrace : pod.path("spec").path("terminationGracePeriodSeconds").asLong(30);
    }

    static Decision begin(ObjectNode pod, long requestedGrace, Instant now) {
        long grace = grace(pod, requestedGrace);
        ObjectNode meta = (ObjectNode) pod.get("metadata");
        if (meta.has("deletionTimestamp")) {
            long current = meta.path("deletionGracePeriodSeconds").asLong(Long.MAX_VALUE);
            if (grace >= current) return new Decision.Answer(pod, ObjectReply.Outcome.DELETING);
        }
        ObjectNode next = pod.deepCopy();
        ObjectNode nextMeta = next.with("metadata");
        nextMeta.put("deletionTimestamp", Times.rfc3339(now.plusSeconds(grace)));
        nextMeta.put("deletionGracePeriodSeconds", grace);
        return new Decision.Persist(new ObjectEvent.ObjectUpdated(next), ObjectReply.Outcome.DELETING);
    }
}
