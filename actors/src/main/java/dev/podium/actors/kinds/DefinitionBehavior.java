package dev.podium.actors.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.controllers.crd.DefinitionReconciler;
import dev.podium.actors.objects.Decision;
import dev.podium.actors.objects.ObjectReply;
import dev.podium.model.json.Times;
import dev.podium.persistence.events.ObjectEvent;

import java.time.Instant;
import java.util.Optional;

/**
 * A CustomResourceDefinition runs its {@link DefinitionReconciler}; deleting one adds kube's
 * cleanup finalizer as the deletion starts, so the definition stays (Terminating) until its
 * controller has deleted every object of its kind.
 */
final class DefinitionBehavior extends ControllerKindBehavior {
    DefinitionBehavior() {
        super(s -> new DefinitionReconciler(), "Background");
    }

    @Override
    public Optional<Decision> delete(ObjectNode current, long gracePeriodSeconds, Instant now) {
        for (JsonNode f : current.path("metadata").path("finalizers")) {
            if (f.asText().equals(DefinitionReconciler.CLEANUP_FINALIZER)) return Optional.empty();
        }
        ObjectNode next = current.deepCopy();
        ObjectNode meta = next.with("metadata");
        meta.withArray("finalizers").add(DefinitionReconciler.CLEANUP_FINALIZER);
        if (!meta.has("deletionTimestamp")) meta.put("deletionTimestamp", Times.rfc3339(now));
        meta.put("deletionGracePeriodSeconds", 0);
        return Optional.of(new Decision.Persist(new ObjectEvent.ObjectUpdated(next), ObjectReply.Outcome.DELETING));
    }
}
