package dev.podium.actors.objects;

import dev.podium.model.json.Times;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.ApiError;
import dev.podium.model.api.ApiException;
import dev.podium.model.api.Cause;
import dev.podium.model.kinds.Generations;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.model.meta.RequestNamespace;
import dev.podium.model.patch.Patches;
import dev.podium.model.patch.PatchType;
import dev.podium.model.patch.ServerSideApply;
import dev.podium.model.validation.Defaulter;
import dev.podium.model.validation.Validator;
import dev.podium.persistence.events.ObjectEvent;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The store semantics of the Kubernetes API as pure functions of (kind, current state, request):
 * create, update (object or status), patch, delete with finalizers. No actors here; the entity
 * only persists what these decide.
 */
public final class ObjectWrites {
    private final ResourceKind kind;
    private final KindBehavior behavior;
    private final Clock clock;
    private final Supplier<String> uids;

    public ObjectWrites(ResourceKind kind, KindBehavior behavior, Clock clock, Supplier<String> uids) {
        this.kind = kind;
        this.behavior = behavior;
        this.clock = clock;
        this.uids = uids;
    }

    ApiError notFound(String name) {
        return ApiError.notFound(kind.group(), kind.plural(), name);
    }

    public Decision create(ObjectState state, ObjectNode requested) {
        String name = requested.path("metadata").path("name").asText("");
        if (state.exists()) return new Decision.Reject(ApiError.alreadyExists(kind.group(), kind.plural(), name));
        ObjectNode obj = requested.deepCopy();
        obj.put("apiVersion", kind.apiVersion());
        obj.put("kind", kind.kind());
        ObjectNode meta = obj.with("metadata");
        meta.remove(List.of("resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink"));
        meta.put("uid", uids.get());
        meta.put("creationTimestamp", now());
        if (kind.tracksGeneration()) meta.put("generation", 1);
        else meta.remove("generation");
        behavior.prepareForCreate(obj);
        return validated(obj, null, new ObjectEvent.ObjectCreated(obj), ObjectReply.Outcome.CREATED);
    }

    public Decision update(ObjectState state, ObjectNode requested, long expectedSeqNr, boolean statusOnly) {
        String name = requested.path("metadata").path("name").asText("");
        if (!state.exists()) return new Decision.Reject(notFound(name));
        if (expectedSeqNr != 0 && expectedSeqNr != state.seqNr()) {
            return new Decision.Reject(ApiError.staleVersion(kind.group(), kind.plural(), name));
        }
        ObjectNode current = state.object();
        ObjectNode next = statusOnly ? withStatusOf(current, requested) : withSystemFieldsOf(current, requested);
        return changed(current, next, statusOnly);
    }

    /** {@code namespace} is the request's (the entity's), "" for a cluster-scoped kind. */
    public Decision patch(ObjectState state, String namespace, String name, PatchType type, JsonNode patch, long expectedSeqNr,
                          boolean statusOnly, String fieldManager, boolean force) {
        try {
            if (type == PatchType.APPLY_PATCH) {
                if (!(patch instanceof ObjectNode applied)) throw new ApiException(ApiError.badRequest("an apply patch must be an object"));
                ObjectNode live = state.exists() ? state.object() : null;
                ObjectNode merged = ServerSideApply.apply(live, applied, fieldManager, force, now(), kind);
                RequestNamespace.ensure(kind, merged, namespace);
                if (live == null) return create(state, merged);
                return update(state, merged, expectedSeqNr, statusOnly);
            }
            if (!state.exists()) return new Decision.Reject(notFound(name));
            String uid = state.object().path("metadata").path("uid").asText();
            String patchUid = patch.path("metadata").path("uid").asText("");
            if (!patchUid.isEmpty() && !patchUid.equals(uid)) {
                return new Decision.Reject(ApiError.conflict(kind.group(), kind.plural(), name,
                        "Precondition failed: UID in precondition: " + patchUid + ", UID in object meta: " + uid));
            }
            ObjectNode patched = Patches.apply(type, state.object(), patch, kind);
            RequestNamespace.ensure(kind, patched, namespace);
            return update(state, patched, expectedSeqNr, statusOnly);
        } catch (ApiException e) {
            return new Decision.Reject(e.error());
        }
    }

    public Decision delete(ObjectState state, String name, long expectedSeqNr, String expectedUid, long gracePeriodSeconds, String propagationPolicy) {
        if (!state.exists()) return new Decision.Reject(notFound(name));
        ObjectNode current = state.object();
        String uid = current.path("metadata").path("uid").asText();
        if (expectedUid != null && !expectedUid.isEmpty() && !expectedUid.equals(uid)) {
            return new Decision.Reject(ApiError.conflict(kind.group(), kind.plural(), name,
                    "Precondition failed: UID in precondition: " + expectedUid + ", UID in object meta: " + uid));
        }
        if (expectedSeqNr != 0 && expectedSeqNr != state.seqNr()) {
            return new Decision.Reject(ApiError.staleVersion(kind.group(), kind.plural(), name));
        }
        ObjectNode withFinalizers = withPropagation(current, propagationPolicy);
        Optional<Decision> own = behavior.delete(withFinalizers, gracePeriodSeconds, Instant.now(clock));
        if (own.isPresent()) return own.get();
        if (hasFinalizers(withFinalizers)) {
            boolean changed = !withFinalizers.equals(current);
            ObjectNode next = withFinalizers;
            if (current.path("metadata").has("deletionTimestamp")) {
                if (gracePeriodSeconds == 0 && current.path("metadata").path("deletionGracePeriodSeconds").asLong(0) != 0) {
                    next = next.deepCopy();
                    next.with("metadata").put("deletionGracePeriodSeconds", 0);
                    changed = true;
                }
                return changed ? new Decision.Persist(new ObjectEvent.ObjectUpdated(next), ObjectReply.Outcome.DELETING)
                        : new Decision.Answer(current, ObjectReply.Outcome.DELETING);
            }
            next = next.deepCopy();
            next.with("metadata").put("deletionTimestamp", now());
            next.with("metadata").put("deletionGracePeriodSeconds", 0);
            behavior.beginTermination(next);
            return new Decision.Persist(new ObjectEvent.ObjectUpdated(next), ObjectReply.Outcome.DELETING);
        }
        return new Decision.Persist(new ObjectEvent.ObjectDeleted(current), ObjectReply.Outcome.DELETED);
    }

    /** The object with the finalizers a delete's propagation policy gives it (the object itself when they do not change). */
    private ObjectNode withPropagation(ObjectNode current, String policy) {
        JsonNode finalizers = current.path("metadata").path("finalizers");
        List<String> next = DeletionPropagation.finalizers(finalizers, policy, behavior.defaultPropagation());
        List<String> before = new java.util.ArrayList<>();
        finalizers.forEach(f -> before.add(f.asText()));
        if (next.equals(before)) return current;
        ObjectNode copy = current.deepCopy();
        if (next.isEmpty()) copy.with("metadata").remove("finalizers");
        else {
            var array = copy.with("metadata").putArray("finalizers");
            next.forEach(array::add);
        }
        return copy;
    }

    /** Binds a pod to a node: sets spec.nodeName and the PodScheduled condition; a pod is bound once. */
    public Decision bind(ObjectState state, String name, String nodeName, String expectedUid) {
        if (!state.exists()) return new Decision.Reject(notFound(name));
        ObjectNode current = state.object();
        String uid = current.path("metadata").path("uid").asText();
        if (expectedUid != null && !expectedUid.isEmpty() && !expectedUid.equals(uid)) {
            return new Decision.Reject(ApiError.conflict("", "pods/binding", name,
                    "Precondition failed: UID in precondition: " + expectedUid + ", UID in object meta: " + uid));
        }
        String bound = current.path("spec").path("nodeName").asText("");
        if (!bound.isEmpty()) {
            return new Decision.Reject(ApiError.conflict("", "pods/binding", name, "pod " + name + " is already assigned to node \"" + bound + "\""));
        }
        if (current.path("metadata").has("deletionTimestamp")) {
            return new Decision.Reject(ApiError.conflict("", "pods/binding", name, "pod " + name + " is being deleted, cannot be assigned to a host"));
        }
        ObjectNode next = current.deepCopy();
        next.with("spec").put("nodeName", nodeName);
        PodConditions.set(next, "PodScheduled", "True", null, null, now());
        return new Decision.Persist(new ObjectEvent.ObjectUpdated(next), ObjectReply.Outcome.UPDATED);
    }

    /** Sets a Namespace's spec.finalizers; the namespace is deleted when it is terminating and none is left. */
    public Decision finalizeNamespace(ObjectState state, String name, JsonNode finalizers) {
        if (!state.exists()) return new Decision.Reject(notFound(name));
        ObjectNode current = state.object();
        ObjectNode next = current.deepCopy();
        if (finalizers == null || finalizers.isNull() || finalizers.isEmpty()) next.with("spec").remove("finalizers");
        else next.with("spec").set("finalizers", finalizers.deepCopy());
        if (next.equals(current)) return new Decision.Answer(current, ObjectReply.Outcome.UNCHANGED);
        if (next.path("metadata").has("deletionTimestamp") && !hasFinalizers(next)) {
            return new Decision.Persist(new ObjectEvent.ObjectDeleted(next), ObjectReply.Outcome.DELETED);
        }
        return new Decision.Persist(new ObjectEvent.ObjectUpdated(next), ObjectReply.Outcome.UPDATED);
    }

    private Decision changed(ObjectNode current, ObjectNode next, boolean statusOnly) {
        try {
            if (statusOnly) Defaulter.applyForStatusUpdate(kind, current, next);
            else Defaulter.applyForUpdate(kind, current, next);
        } catch (ApiException e) {
            return new Decision.Reject(e.error());
        }
        if (kind.tracksGeneration() && (specChanged(current, next) || Generations.annotationChangeBumpsGeneration(kind, current, next)
                || !kind.statusSubresource() && !current.path("status").equals(next.path("status")))) {
            next.with("metadata").put("generation", current.path("metadata").path("generation").asLong(1) + 1);
        }
        // kube's rule: an update completes a deletion once no finalizer is left and no grace period is running
        boolean terminating = next.path("metadata").has("deletionTimestamp");
        boolean graceOver = next.path("metadata").path("deletionGracePeriodSeconds").asLong(0) == 0;
        if (terminating && graceOver && !hasFinalizers(next)) {
            return validated(next, current, new ObjectEvent.ObjectDeleted(next), ObjectReply.Outcome.DELETED);
        }
        return validated(next, current, new ObjectEvent.ObjectUpdated(next), ObjectReply.Outcome.UPDATED);
    }

    /** Defaults a create (updates were defaulted by {@link #changed}), validates, and persists unless nothing changed. */
    private Decision validated(ObjectNode obj, ObjectNode old, ObjectEvent event, ObjectReply.Outcome outcome) {
        try {
            if (old == null) Defaulter.apply(kind, obj);
            List<Cause> causes = old == null ? Validator.forCreate(kind, obj) : Validator.forUpdate(kind, old, obj);
            if (!causes.isEmpty()) {
                return new Decision.Reject(ApiError.invalid(kind.group(), kind.kind(), obj.path("metadata").path("name").asText(""), causes));
            }
        } catch (ApiException e) {
            return new Decision.Reject(e.error());
        }
        if (old != null && old.equals(obj)) return new Decision.Answer(old, ObjectReply.Outcome.UNCHANGED);
        return new Decision.Persist(event, outcome);
    }

    /** A PUT of the object keeps the fields only the server sets, and the status when it has its own subresource. */
    private ObjectNode withSystemFieldsOf(ObjectNode current, ObjectNode requested) {
        ObjectNode next = requested.deepCopy();
        next.put("apiVersion", kind.apiVersion());
        next.put("kind", kind.kind());
        ObjectNode meta = next.with("metadata");
        JsonNode curMeta = current.path("metadata");
        meta.remove("resourceVersion");
        for (String f : List.of("uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation")) {
            if (curMeta.has(f)) meta.set(f, curMeta.get(f));
            else meta.remove(f);
        }
        if (!meta.has("name")) meta.set("name", curMeta.get("name"));
        if (curMeta.has("namespace") && !meta.has("namespace")) meta.set("namespace", curMeta.get("namespace"));
        if (kind.statusSubresource()) {
            if (current.has("status")) next.set("status", current.get("status"));
            else next.remove("status");
        }
        return next;
    }

    /** A write to the status subresource changes nothing but the status. */
    private static ObjectNode withStatusOf(ObjectNode current, ObjectNode requested) {
        ObjectNode next = current.deepCopy();
        if (requested.has("status")) next.set("status", requested.get("status"));
        else next.remove("status");
        return next;
    }

    private static boolean specChanged(ObjectNode a, ObjectNode b) {
        return !withoutMetaAndStatus(a).equals(withoutMetaAndStatus(b));
    }

    private static ObjectNode withoutMetaAndStatus(ObjectNode o) {
        ObjectNode copy = o.deepCopy();
        copy.remove(List.of("metadata", "status", "apiVersion", "kind"));
        return copy;
    }

    /** Metadata finalizers, and those of the kind's own (a Namespace's spec.finalizers, emptied by the namespace controller). */
    private boolean hasFinalizers(ObjectNode o) {
        JsonNode f = o.path("metadata").path("finalizers");
        return f.isArray() && f.size() > 0 || behavior.hasKindFinalizers(o);
    }

    private String now() {
        return Times.now(clock);
    }
}
