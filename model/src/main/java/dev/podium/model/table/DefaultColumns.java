package dev.podium.model.table;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.time.Instant;
import java.util.List;

/** NAME AGE, as kube-apiserver prints custom resources without printer columns. */
final class DefaultColumns implements KindPrinter {
    private static final List<Column> COLUMNS = List.of(Column.nameColumn(), Column.ageColumn());

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public ArrayNode cells(ObjectNode obj, Instant now) {
        return Json.MAPPER.createArrayNode()
                .add(Fields.text(obj, "metadata", "name"))
                .add(HumanDuration.since(Fields.at(obj, "metadata", "creationTimestamp"), now));
    }
}
