package dev.podium.model.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.time.Instant;
import java.util.List;

/** NAME PROVISIONER RECLAIMPOLICY VOLUMEBINDINGMODE ALLOWVOLUMEEXPANSION AGE; the default class is marked " (default)". */
final class StorageClassColumns implements KindPrinter {
    static final String DEFAULT_CLASS = "storageclass.kubernetes.io/is-default-class";
    static final String BETA_DEFAULT_CLASS = "storageclass.beta.kubernetes.io/is-default-class";
    private static final List<Column> COLUMNS = List.of(
            Column.nameColumn(),
            Column.text("Provisioner", "provisioner indicates the type of the provisioner."),
            Column.text("ReclaimPolicy", "reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes of this storage class."),
            Column.text("VolumeBindingMode", "volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound."),
            Column.text("AllowVolumeExpansion", "allowVolumeExpansion shows whether the storage class allow volume expand."),
            Column.ageColumn());

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public ArrayNode cells(ObjectNode sc, Instant now) {
        String reclaimPolicy = Fields.text(sc, "reclaimPolicy");
        String bindingMode = Fields.text(sc, "volumeBindingMode");
        return Json.MAPPER.createArrayNode()
                .add(Fields.text(sc, "metadata", "name") + (isDefault(sc) ? " (default)" : ""))
                .add(Fields.text(sc, "provisioner"))
                .add(reclaimPolicy.isEmpty() ? "Delete" : reclaimPolicy)
                .add(bindingMode.isEmpty() ? "Immediate" : bindingMode)
                .add(Fields.bool(sc, "allowVolumeExpansion"))
                .add(HumanDuration.since(Fields.at(sc, "metadata", "creationTimestamp"), now));
    }

    static boolean isDefault(JsonNode sc) {
        JsonNode annotations = Fields.at(sc, "metadata", "annotations");
        return "true".equals(Fields.text(annotations, DEFAULT_CLASS)) || "true".equals(Fields.text(annotations, BETA_DEFAULT_CLASS));
    }
}
