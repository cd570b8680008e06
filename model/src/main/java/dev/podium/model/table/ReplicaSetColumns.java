package dev.podium.model.table;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.time.Instant;
import java.util.List;

/**
 * NAME DESIRED CURRENT READY AGE, wide CONTAINERS IMAGES SELECTOR: ReplicaSets, and
 * ReplicationControllers, whose selector is a plain label map.
 */
final class ReplicaSetColumns implements KindPrinter {
    private static final List<Column> COLUMNS = List.of(
            Column.nameColumn(),
            Column.integer("Desired", "Replicas is the number of desired replicas."),
            Column.integer("Current", "Replicas is the most recently observed number of replicas."),
            Column.integer("Ready", "The number of ready replicas for this replica set."),
            Column.ageColumn(),
            WorkloadCells.containersColumn(),
            WorkloadCells.imagesColumn(),
            WorkloadCells.selectorColumn());

    private final boolean mapSelector;

    private ReplicaSetColumns(boolean mapSelector) {
        this.mapSelector = mapSelector;
    }

    static ReplicaSetColumns replicaSets() {
        return new ReplicaSetColumns(false);
    }

    static ReplicaSetColumns replicationControllers() {
        return new ReplicaSetColumns(true);
    }

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public ArrayNode cells(ObjectNode rs, Instant now) {
        var selector = Fields.at(rs, "spec", "selector");
        return Json.MAPPER.createArrayNode()
                .add(Fields.text(rs, "metadata", "name"))
                .add(Fields.number(rs, "spec", "replicas"))
                .add(Fields.number(rs, "status", "replicas"))
                .add(Fields.number(rs, "status", "readyReplicas"))
                .add(HumanDuration.since(Fields.at(rs, "metadata", "creationTimestamp"), now))
                .add(WorkloadCells.containers(Fields.at(rs, "spec", "template")))
                .add(WorkloadCells.images(Fields.at(rs, "spec", "template")))
                .add(mapSelector ? LabelCells.labels(selector) : LabelCells.selector(selector));
    }
}
