package dev.podium.model.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Cells PersistentVolume and PersistentVolumeClaim share. */
final class VolumeCells {
    static final String BETA_STORAGE_CLASS = "volume.beta.kubernetes.io/storage-class";
    private static final Map<String, String> ABBREVIATIONS = Map.of(
            "ReadWriteOnce", "RWO", "ReadOnlyMany", "ROX", "ReadWriteMany", "RWX", "ReadWriteOncePod", "RWOP");

    private VolumeCells() {}

    /** kube's GetAccessModesAsString: RWO, ROX, RWX, RWOP in that order, each once. */
    static String accessModes(JsonNode modes) {
        List<String> present = new ArrayList<>();
        if (modes != null) modes.forEach(m -> present.add(m.asText()));
        List<String> out = new ArrayList<>();
        for (String mode : List.of("ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod")) {
            if (present.contains(mode)) out.add(ABBREVIATIONS.get(mode));
        }
        return String.join(",", out);
    }

    /** The beta annotation wins over spec.storageClassName, as kube's GetPersistentVolume(Claim)Class. */
    static String storageClass(JsonNode obj) {
        JsonNode annotation = Fields.at(obj, "metadata", "annotations", BETA_STORAGE_CLASS);
        return annotation.isValueNode() && !annotation.isNull() ? annotation.asText() : Fields.text(obj, "spec", "storageClassName");
    }

    /** status.phase, or Terminating once deletion started. */
    static String phase(JsonNode obj) {
        return Timestamps.parse(Fields.at(obj, "metadata", "deletionTimestamp")) != null ? "Terminating" : Fields.text(obj, "status", "phase");
    }

    static String orUnset(JsonNode v) {
        return v.isValueNode() && !v.isNull() ? v.asText() : "<unset>";
    }
}
