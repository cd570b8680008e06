package dev.podium.model.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.time.Instant;
import java.util.List;

/** NAME CAPACITY ACCESS MODES RECLAIM POLICY STATUS CLAIM STORAGECLASS VOLUMEATTRIBUTESCLASS REASON AGE, wide VOLUMEMODE. */
final class PersistentVolumeColumns implements KindPrinter {
    private static final List<Column> COLUMNS = List.of(
            Column.nameColumn(),
            Column.text("Capacity", "capacity is the description of the persistent volume's resources and capacity."),
            Column.text("Access Modes", "accessModes contains all ways the volume can be mounted."),
            Column.text("Reclaim Policy", "persistentVolumeReclaimPolicy defines what happens to a persistent volume when released from its claim."),
            Column.text("Status", "phase indicates if a volume is available, bound to a claim, or released by a claim."),
            Column.text("Claim", "claimRef is part of a bi-directional binding between PersistentVolume and PersistentVolumeClaim."),
            Column.text("StorageClass", "StorageClass of the pv"),
            Column.text("VolumeAttributesClass", "VolumeAttributesClass of the pv"),
            Column.text("Reason", "reason is a brief CamelCase string that describes any failure and is meant for machine parsing and tidy display in the CLI."),
            Column.ageColumn(),
            Column.wide("VolumeMode", "volumeMode defines if a volume is intended to be used with a formatted filesystem or to remain in raw block state."));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public ArrayNode cells(ObjectNode pv, Instant now) {
        JsonNode storage = Fields.at(pv, "spec", "capacity", "storage");
        JsonNode claim = Fields.at(pv, "spec", "claimRef");
        return Json.MAPPER.createArrayNode()
                .add(Fields.text(pv, "metadata", "name"))
                .add(storage.isValueNode() && !storage.isNull() ? storage.asText() : "0")
                .add(VolumeCells.accessModes(Fields.at(pv, "spec", "accessModes")))
                .add(Fields.text(pv, "spec", "persistentVolumeReclaimPolicy"))
                .add(VolumeCells.phase(pv))
                .add(claim.isObject() ? Fields.text(claim, "namespace") + "/" + Fields.text(claim, "name") : "")
                .add(VolumeCells.storageClass(pv))
                .add(VolumeCells.orUnset(Fields.at(pv, "spec", "volumeAttributesClassName")))
                .add(Fields.text(pv, "status", "reason"))
                .add(HumanDuration.since(Fields.at(pv, "metadata", "creationTimestamp"), now))
                .add(VolumeCells.orUnset(Fields.at(pv, "spec", "volumeMode")));
    }
}
