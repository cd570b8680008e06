package dev.podium.model.table;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.time.Instant;
import java.util.List;

/** NAME READY UP-TO-DATE AVAILABLE AGE, wide CONTAINERS IMAGES SELECTOR. */
final class DeploymentColumns implements KindPrinter {
    private static final List<Column> COLUMNS = List.of(
            Column.nameColumn(),
            Column.text("Ready", "Number of the pod with ready state"),
            Column.integer("Up-to-date", "Total number of non-terminated pods targeted by this deployment that have the desired template spec."),
            Column.integer("Available", "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment."),
            Column.ageColumn(),
            WorkloadCells.containersColumn(),
            WorkloadCells.imagesColumn(),
            WorkloadCells.selectorColumn());

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public ArrayNode cells(ObjectNode d, Instant now) {
        return Json.MAPPER.createArrayNode()
                .add(Fields.text(d, "metadata", "name"))
                .add(WorkloadCells.readyOfDesired(d))
                .add(Fields.number(d, "status", "updatedReplicas"))
                .add(Fields.number(d, "status", "availableReplicas"))
                .add(HumanDuration.since(Fields.at(d, "metadata", "creationTimestamp"), now))
                .add(WorkloadCells.containers(Fields.at(d, "spec", "template")))
                .add(WorkloadCells.images(Fields.at(d, "spec", "template")))
                .add(LabelCells.selector(Fields.at(d, "spec", "selector")));
    }
}
