package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.kinds.KindRules;
import dev.podium.model.validation.Causes;
import dev.podium.model.validation.JsonCompare;
import dev.podium.model.validation.NameValidation;
import dev.podium.model.validation.Nodes;
import dev.podium.model.validation.Quantities;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** core/v1 PersistentVolumeClaim: the claim's access modes and size; only the size may change, once bound. */
public final class PersistentVolumeClaimRules implements KindRules {
    static final String SPEC_FORBIDDEN = "spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims";

    @Override
    public void applyDefaults(ObjectNode obj) {
        defaults(obj);
    }

    /** SetDefaults_PersistentVolumeClaim and ...ClaimSpec; a StatefulSet's claim templates get them too. */
    static void defaults(ObjectNode claim) {
        Nodes.putIfAbsent(Nodes.child(claim, "spec"), "volumeMode", "Filesystem");
        Nodes.putIfAbsent(Nodes.child(claim, "status"), "phase", "Pending");
    }

    @Override
    public List<Cause> validate(ObjectNode obj) {
        JsonNode spec = Nodes.obj(obj, "spec");
        List<Cause> errs = new ArrayList<>(Volumes.accessModes(spec, "spec.accessModes", "at least 1 access mode is required"));
        String storagePath = Causes.key("spec.resources", "storage");
        JsonNode storage = spec == null ? null : spec.path("resources").path("requests").get("storage");
        if (storage == null || storage.isNull()) errs.add(Cause.required(storagePath));
        else errs.addAll(Volumes.positiveQuantity(storage, storagePath));
        errs.addAll(Volumes.volumeMode(spec, "spec.volumeMode"));
        String storageClass = Nodes.text(spec, "storageClassName");
        if (storageClass != null && !storageClass.isEmpty()) {
            errs.addAll(Causes.invalidEach("spec.storageClassName", storageClass, NameValidation.dns1123Subdomain(storageClass)));
        }
        return errs;
    }

    /**
     * kube's ValidatePersistentVolumeClaimUpdate, simplified: spec.volumeName may be set once,
     * and the storage request may grow while the claim is bound; nothing else in the spec changes.
     */
    @Override
    public List<Cause> validateUpdate(ObjectNode oldObj, ObjectNode newObj) {
        List<Cause> errs = new ArrayList<>();
        ObjectNode oldSpec = Nodes.obj(oldObj, "spec");
        ObjectNode spec = Nodes.obj(newObj, "spec");
        ObjectNode comparable = spec == null ? newObj.objectNode() : spec.deepCopy();
        if (Nodes.isEmpty(oldSpec, "volumeName")) copy(oldSpec, comparable, "volumeName");
        boolean bound = Nodes.str(Nodes.obj(newObj, "status"), "phase").equals("Bound");
        ObjectNode requests = Nodes.obj(Nodes.obj(comparable, "resources"), "requests");
        if (bound && requests != null) {
            JsonNode oldStorage = oldSpec == null ? null : oldSpec.path("resources").path("requests").get("storage");
            if (oldStorage == null) requests.remove("storage");
            else requests.set("storage", oldStorage.deepCopy());
        }
        if (!JsonCompare.semanticEquals(oldSpec, comparable)) {
            errs.add(Cause.forbidden("spec", SPEC_FORBIDDEN + CmpDiff.of("core.PersistentVolumeClaimSpec", oldSpec, comparable)));
        }
        BigDecimal oldSize = Quantities.parse(oldSpec == null ? null : oldSpec.path("resources").path("requests").get("storage"));
        BigDecimal newSize = Quantities.parse(spec == null ? null : spec.path("resources").path("requests").get("storage"));
        if (oldSize != null && newSize != null && newSize.compareTo(oldSize) < 0) {
            errs.add(Cause.forbidden("spec.resources.requests.storage", "field can not be less than previous value"));
        }
        return errs;
    }

    private static void copy(JsonNode from, ObjectNode to, String field) {
        JsonNode v = from == null ? null : from.get(field);
        if (v == null) to.remove(field);
        else to.set(field, v.deepCopy());
    }
}
