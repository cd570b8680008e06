package dev.podium.actors.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.hints.Notification;
import dev.podium.actors.objects.Write;

import java.util.List;

/**
 * Namespaces: deletion waits for {@code spec.finalizers} (emptied by the namespace controller once
 * the namespace holds nothing), the phase shows Terminating meanwhile, a terminating or
 * deleted namespace tells the namespace controller, and a new one the service accounts controller.
 */
public final class NamespaceBehavior extends ObjectBehavior {
    @Override
    public void beginTermination(ObjectNode object) {
        object.with("status").put("phase", "Terminating");
    }

    @Override
    public boolean hasKindFinalizers(ObjectNode object) {
        JsonNode finalizers = object.path("spec").path("finalizers");
        return finalizers.isArray() && finalizers.size() > 0;
    }

    @Override
    protected void addNotifications(Write w, List<Notification> out) {
        if (w.deleted() || w.after().path("metadata").has("deletionTimestamp")) out.add(new Notification.ToNamespaceController(w.change()));
        else if (w.created()) out.add(new Notification.ToServiceAccounts(w.change()));
    }
}
