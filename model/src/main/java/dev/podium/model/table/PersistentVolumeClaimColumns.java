package dev.podium.model.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.time.Instant;
import java.util.List;

/**
 * NAME STATUS VOLUME CAPACITY ACCESS MODES STORAGECLASS VOLUMEATTRIBUTESCLASS AGE, wide VOLUMEMODE.
 * Capacity and access modes are the bound volume's (from status), blank until the claim is bound.
 */
final class PersistentVolumeClaimColumns implements KindPrinter {
    private static final List<Column> COLUMNS = List.of(
            Column.nameColumn(),
            Column.text("Status", "phase represents the current phase of PersistentVolumeClaim."),
            Column.text("Volume", "volumeName is the binding reference to the PersistentVolume backing this claim."),
            Column.text("Capacity", "capacity represents the actual resources of the underlying volume."),
            Column.text("Access Modes", "accessModes contains the actual access modes the volume backing the PVC has."),
            Column.text("StorageClass", "StorageClass of the pvc"),
            Column.text("VolumeAttributesClass", "VolumeAttributesClass of the pvc"),
            Column.ageColumn(),
            Column.wide("VolumeMode", "volumeMode defines what type of volume is required by the claim."));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public ArrayNode cells(ObjectNode pvc, Instant now) {
        String volume = Fields.text(pvc, "spec", "volumeName");
        boolean bound = !volume.isEmpty();
        JsonNode capacity = Fields.at(pvc, "status", "capacity", "storage");
        return Json.MAPPER.createArrayNode()
                .add(Fields.text(pvc, "metadata", "name"))
                .add(VolumeCells.phase(pvc))
                .add(volume)
                .add(!bound ? "" : capacity.isValueNode() && !capacity.isNull() ? capacity.asText() : "0")
                .add(bound ? VolumeCells.accessModes(Fields.at(pvc, "status", "accessModes")) : "")
                .add(VolumeCells.storageClass(pvc))
                .add(VolumeCells.orUnset(Fields.at(pvc, "spec", "volumeAttributesClassName")))
                .add(HumanDuration.since(Fields.at(pvc, "metadata", "creationTimestamp"), now))
                .add(VolumeCells.orUnset(Fields.at(pvc, "spec", "volumeMode")));
    }
}
