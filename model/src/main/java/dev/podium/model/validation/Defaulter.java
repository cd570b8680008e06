package dev.podium.model.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.AlwaysSerializedStatus;
import dev.podium.model.kinds.ResourceKind;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** Fills in defaults, in place, before validation and storage. */
public final class Defaulter {
    private static final Set<String> ENVELOPE = Set.of("apiVersion", "kind", "metadata", "status");

    private Defaulter() {}

    /** Defaults for a create (and the per-kind part of an update): the kind's applyDefaults, then the status kube always shows. */
    public static void apply(ResourceKind kind, ObjectNode obj) {
        kind.rules().applyDefaults(obj);
        AlwaysSerializedStatus.fill(kind, obj);
    }

    /**
     * Defaults for an update of the main resource: system metadata comes from the stored object,
     * the status of kinds with a status subresource cannot be changed here, then the kind's
     * defaults and its {@link UpdatePreparation} if it has one.
     */
    public static void applyForUpdate(ResourceKind kind, ObjectNode oldObj, ObjectNode newObj) {
        carryOverSystemFields(oldObj, newObj);
        if (kind.statusSubresource()) {
            JsonNode status = oldObj.get("status");
            if (status == null) newObj.remove("status");
            else newObj.set("status", status.deepCopy());
        }
        apply(kind, newObj);
        if (kind.rules() instanceof UpdatePreparation p) p.prepareForUpdate(oldObj, newObj);
    }

    /**
     * For a write to the status subresource: everything but metadata and status is taken from the
     * stored object, so the binding and kubelet-style writers cannot change the spec this way.
     */
    public static void applyForStatusUpdate(ResourceKind kind, ObjectNode oldObj, ObjectNode newObj) {
        carryOverSystemFields(oldObj, newObj);
        List<String> drop = new ArrayList<>();
        for (Iterator<String> it = newObj.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!ENVELOPE.contains(f)) drop.add(f);
        }
        drop.forEach(newObj::remove);
        for (Iterator<String> it = oldObj.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!ENVELOPE.contains(f)) newObj.set(f, oldObj.get(f).deepCopy());
        }
        if (kind.rules() instanceof StatusPreparation p) p.prepareForStatusUpdate(oldObj, newObj);
        AlwaysSerializedStatus.fill(kind, newObj);
    }

    /**
     * As kube's BeforeUpdate: uid is kept when the request leaves it out, creationTimestamp and the
     * deletion fields always come from the stored object.
     */
    public static void carryOverSystemFields(ObjectNode oldObj, ObjectNode newObj) {
        JsonNode oldMeta = oldObj.get("metadata");
        if (!(oldMeta instanceof ObjectNode om)) return;
        ObjectNode nm = Json.metadata(newObj);
        if (Nodes.isEmpty(nm, "uid") && !Nodes.isEmpty(om, "uid")) nm.set("uid", om.get("uid").deepCopy());
        for (String f : List.of("creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds")) {
            JsonNode v = om.get(f);
            if (v == null || v.isNull()) nm.remove(f);
            else nm.set(f, v.deepCopy());
        }
    }

    /** Implemented by kind rules that backfill status fields on a status write (Pod qosClass). */
    public interface StatusPreparation {
        void prepareForStatusUpdate(ObjectNode oldObj, ObjectNode newObj);
    }
}
