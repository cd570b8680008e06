package dev.podium.model.table;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.time.Instant;
import java.util.List;

/** NAME STATUS AGE. */
final class NamespaceColumns implements KindPrinter {
    private static final List<Column> COLUMNS = List.of(
            Column.nameColumn(), Column.text("Status", "The status of the namespace"), Column.ageColumn());

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public ArrayNode cells(ObjectNode ns, Instant now) {
        return Json.MAPPER.createArrayNode()
                .add(Fields.text(ns, "metadata", "name"))
                .add(Fields.text(ns, "status", "phase"))
                .add(HumanDuration.since(Fields.at(ns, "metadata", "creationTimestamp"), now));
    }
}
