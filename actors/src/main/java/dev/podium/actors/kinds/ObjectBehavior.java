package dev.podium.actors.kinds;

import dev.podium.actors.hints.Notification;
import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.actors.objects.DeletionPropagation;
import dev.podium.actors.objects.KindBehavior;
import dev.podium.actors.objects.Write;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.model.meta.OwnerReference;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The behavior every kind shares: an object tells its controlling owner (the
 * {@code ownerReferences} entry with {@code controller: true}) when it is created, changed or
 * deleted; when the controller changes (adoption, release) both the old and the new one hear.
 * Kinds add their own hints in {@link #addNotifications}.
 */
public class ObjectBehavior implements KindBehavior {

    @Override
    public final List<Notification> notifications(Write write) {
        List<Notification> out = new ArrayList<>(2);
        addNotifications(write, out);
        Optional<OwnerReference> now = OwnerReference.controllerOf(write.after());
        Optional<OwnerReference> was = write.before() == null ? Optional.empty() : OwnerReference.controllerOf(write.before());
        now.ifPresent(o -> toOwner(write, o, out));
        was.filter(o -> now.isEmpty() || !Objects.equals(o.uid(), now.get().uid())).ifPresent(o -> toOwner(write, o, out));
        if (write.deleted() || startsCollection(write)) out.add(new Notification.ToGarbageCollector(write.change()));
        return out;
    }

    /** A deletion that now waits for the garbage collector: an orphan or foregroundDeletion finalizer the object did not have. */
    private static boolean startsCollection(Write write) {
        if (!write.after().path("metadata").has("deletionTimestamp")) return false;
        for (String f : new String[] {DeletionPropagation.ORPHAN, DeletionPropagation.FOREGROUND}) {
            if (hasFinalizer(write.after(), f) && (write.before() == null || !hasFinalizer(write.before(), f)
                    || !write.before().path("metadata").has("deletionTimestamp"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasFinalizer(JsonNode object, String name) {
        for (JsonNode f : object.path("metadata").path("finalizers")) if (name.equals(f.asText())) return true;
        return false;
    }

    /** The kind's own hints for a journaled write. */
    protected void addNotifications(Write write, List<Notification> out) {
    }

    private static void toOwner(Write write, OwnerReference owner, List<Notification> out) {
        Optional<ResourceKind> kind = KindRegistry.byEntityType(owner.entityTypeName());
        if (kind.isEmpty() || owner.name().isEmpty()) return;
        String namespace = write.after().path("metadata").path("namespace").asText("");
        String key = kind.get().namespaced() ? namespace + "/" + owner.name() : owner.name();
        out.add(new Notification.ToOwner(owner.entityTypeName(), key, owner.uid(), write.change()));
    }
}
