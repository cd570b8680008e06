package dev.podium.model.table;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.time.Instant;
import java.util.List;

/** NAME READY AGE, wide CONTAINERS IMAGES. */
final class StatefulSetColumns implements KindPrinter {
    private static final List<Column> COLUMNS = List.of(
            Column.nameColumn(),
            Column.text("Ready", "Number of the pod with ready state"),
            Column.ageColumn(),
            WorkloadCells.containersColumn(),
            WorkloadCells.imagesColumn());

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public ArrayNode cells(ObjectNode sts, Instant now) {
        return Json.MAPPER.createArrayNode()
                .add(Fields.text(sts, "metadata", "name"))
                .add(WorkloadCells.readyOfDesired(sts))
                .add(HumanDuration.since(Fields.at(sts, "metadata", "creationTimestamp"), now))
                .add(WorkloadCells.containers(Fields.at(sts, "spec", "template")))
                .add(WorkloadCells.images(Fields.at(sts, "spec", "template")));
    }
}
