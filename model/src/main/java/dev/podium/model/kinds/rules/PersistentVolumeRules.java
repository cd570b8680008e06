package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.kinds.KindRules;
import dev.podium.model.validation.Causes;
import dev.podium.model.validation.JsonCompare;
import dev.podium.model.validation.NameValidation;
import dev.podium.model.validation.Nodes;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * core/v1 PersistentVolume: capacity, access modes and exactly one volume source. Only the
 * sources Podium can serve (hostPath, local) and the common network ones get their own checks.
 */
public final class PersistentVolumeRules implements KindRules {
    static final List<String> RECLAIM_POLICIES = List.of("Delete", "Recycle", "Retain");
    static final List<String> HOST_PATH_TYPES = List.of("", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File",
            "FileOrCreate", "Socket");
    /** The PersistentVolumeSource fields, in the order kube's ValidatePersistentVolumeSpec checks them. */
    static final List<String> SOURCES = List.of("hostPath", "gcePersistentDisk", "awsElasticBlockStore", "glusterfs", "flocker", "nfs",
            "rbd", "quobyte", "cephfs", "iscsi", "cinder", "fc", "flexVolume", "azureFile", "vsphereVolume", "photonPersistentDisk",
            "portworxVolume", "azureDisk", "scaleIO", "local", "storageos", "csi");

    @Override
    public void applyDefaults(ObjectNode obj) {
        ObjectNode spec = Nodes.child(obj, "spec");
        Nodes.putIfAbsent(spec, "persistentVolumeReclaimPolicy", "Retain");
        Nodes.putIfAbsent(spec, "volumeMode", "Filesystem");
        ObjectNode hostPath = Nodes.obj(spec, "hostPath");
        if (hostPath != null && hostPath.get("type") == null) hostPath.put("type", "");
        Nodes.putIfAbsent(Nodes.child(obj, "status"), "phase", "Pending");
    }

    @Override
    public List<Cause> validate(ObjectNode obj) {
        JsonNode spec = Nodes.obj(obj, "spec");
        List<Cause> errs = new ArrayList<>(Volumes.accessModes(spec, "spec.accessModes", ""));
        ObjectNode capacity = Nodes.obj(spec, "capacity");
        if (capacity == null || capacity.isEmpty()) errs.add(Cause.required("spec.capacity"));
        if (capacity == null || !capacity.has("storage") || capacity.size() > 1) {
            errs.add(new Cause("FieldValueNotSupported", "spec.capacity", "Unsupported value: " + resourceList(capacity) + ": supported values: \"storage\""));
        }
        if (capacity != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = capacity.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                errs.addAll(Volumes.positiveQuantity(e.getValue(), Causes.key("spec.capacity", e.getKey())));
            }
        }
        String policy = Nodes.str(spec, "persistentVolumeReclaimPolicy");
        if (!policy.isEmpty() && !RECLAIM_POLICIES.contains(policy)) errs.add(Cause.notSupported("spec.persistentVolumeReclaimPolicy", policy, RECLAIM_POLICIES));
        String storageClass = Nodes.str(spec, "storageClassName");
        if (!storageClass.isEmpty()) errs.addAll(Causes.invalidEach("spec.storageClassName", storageClass, NameValidation.dns1123Subdomain(storageClass)));
        errs.addAll(Volumes.volumeMode(spec, "spec.volumeMode"));
        errs.addAll(source(spec));
        return errs;
    }

    /** The volume source may not change, and neither may volumeMode (which kube reports without its spec prefix). */
    @Override
    public List<Cause> validateUpdate(ObjectNode oldObj, ObjectNode newObj) {
        List<Cause> errs = new ArrayList<>();
        JsonNode oldSpec = Nodes.obj(oldObj, "spec");
        JsonNode spec = Nodes.obj(newObj, "spec");
        ObjectNode oldSource = sourceOf(oldSpec);
        ObjectNode newSource = sourceOf(spec);
        if (!JsonCompare.semanticEquals(oldSource, newSource)) {
            errs.add(Cause.forbidden("spec.persistentvolumesource", "spec.persistentvolumesource is immutable after creation"
                    + CmpDiff.of("core.PersistentVolumeSource", oldSource, newSource)));
        }
        String oldMode = Nodes.text(oldSpec, "volumeMode");
        String newMode = Nodes.text(spec, "volumeMode");
        if (!Objects.equals(oldMode, newMode)) errs.add(Causes.immutable("volumeMode", newMode));
        return errs;
    }

    private static List<Cause> source(JsonNode spec) {
        List<Cause> errs = new ArrayList<>();
        int count = 0;
        for (String s : SOURCES) {
            ObjectNode src = Nodes.obj(spec, s);
            if (src == null) continue;
            String path = "spec." + s;
            if (count++ > 0) {
                errs.add(Cause.forbidden(path, "may not specify more than 1 volume type"));
                continue;
            }
            switch (s) {
                case "hostPath" -> {
                    String p = Nodes.str(src, "path");
                    if (p.isEmpty()) errs.add(Cause.required(path + ".path"));
                    else if (List.of(p.split("/")).contains("..")) errs.add(Cause.invalid(path + ".path", p, "must not contain '..'"));
                    String type = Nodes.text(src, "type");
                    if (type != null && !HOST_PATH_TYPES.contains(type)) errs.add(Cause.notSupported(path + ".type", type, HOST_PATH_TYPES));
                }
                case "local" -> {
                    if (Nodes.str(src, "path").isEmpty()) errs.add(Cause.required(path + ".path"));
                }
                case "nfs" -> {
                    if (Nodes.str(src, "server").isEmpty()) errs.add(Cause.required(path + ".server"));
                    String p = Nodes.str(src, "path");
                    if (p.isEmpty()) errs.add(Cause.required(path + ".path"));
                    else if (!p.startsWith("/")) errs.add(Cause.invalid(path + ".path", p, "must be an absolute path"));
                }
                case "csi" -> {
                    if (Nodes.str(src, "driver").isEmpty()) errs.add(Cause.required(path + ".driver"));
                    if (Nodes.str(src, "volumeHandle").isEmpty()) errs.add(Cause.required(path + ".volumeHandle"));
                }
                default -> { }
            }
        }
        if (count == 0) errs.add(Cause.required("spec", "must specify a volume type"));
        return errs;
    }

    private static ObjectNode sourceOf(JsonNode spec) {
        ObjectNode source = JsonNodeFactory.instance.objectNode();
        for (String s : SOURCES) {
            JsonNode v = spec == null ? null : spec.get(s);
            if (v != null && !v.isNull()) source.set(s, v);
        }
        return source;
    }

    // kube prints the map of quantities with %#v; the keys say what is wrong.
    private static String resourceList(ObjectNode capacity) {
        if (capacity == null) return "core.ResourceList(nil)";
        List<String> keys = new ArrayList<>();
        capacity.fieldNames().forEachRemaining(k -> keys.add("\"" + k + "\":resource.Quantity{...}"));
        return "core.ResourceList{" + String.join(", ", keys) + "}";
    }
}
