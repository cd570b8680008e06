package dev.podium.model.table;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.time.Instant;
import java.util.List;

/** NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE, wide CONTAINERS IMAGES SELECTOR. */
final class DaemonSetColumns implements KindPrinter {
    private static final List<Column> COLUMNS = List.of(
            Column.nameColumn(),
            Column.integer("Desired", "The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod)."),
            Column.integer("Current", "The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod."),
            Column.integer("Ready", "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready."),
            Column.integer("Up-to-date", "The total number of nodes that are running updated daemon pod"),
            Column.integer("Available", "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)"),
            Column.text("Node Selector", "NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node."),
            Column.ageColumn(),
            WorkloadCells.containersColumn(),
            WorkloadCells.imagesColumn(),
            WorkloadCells.selectorColumn());

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public ArrayNode cells(ObjectNode ds, Instant now) {
        return Json.MAPPER.createArrayNode()
                .add(Fields.text(ds, "metadata", "name"))
                .add(Fields.number(ds, "status", "desiredNumberScheduled"))
                .add(Fields.number(ds, "status", "currentNumberScheduled"))
                .add(Fields.number(ds, "status", "numberReady"))
                .add(Fields.number(ds, "status", "updatedNumberScheduled"))
                .add(Fields.number(ds, "status", "numberAvailable"))
                .add(LabelCells.labels(Fields.at(ds, "spec", "template", "spec", "nodeSelector")))
                .add(HumanDuration.since(Fields.at(ds, "metadata", "creationTimestamp"), now))
                .add(WorkloadCells.containers(Fields.at(ds, "spec", "template")))
                .add(WorkloadCells.images(Fields.at(ds, "spec", "template")))
                .add(LabelCells.selector(Fields.at(ds, "spec", "selector")));
    }
}
