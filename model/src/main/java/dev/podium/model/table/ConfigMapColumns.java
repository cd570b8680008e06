package dev.podium.model.table;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.time.Instant;
import java.util.List;

/** NAME DATA AGE; Data counts data and binaryData keys and is sent as a number, as kube does. */
final class ConfigMapColumns implements KindPrinter {
    private static final List<Column> COLUMNS = List.of(
            Column.nameColumn(),
            Column.text("Data", "Data contains the configuration data. Each key must consist of alphanumeric characters, '-', '_' or '.'."),
            Column.ageColumn());

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public ArrayNode cells(ObjectNode cm, Instant now) {
        return Json.MAPPER.createArrayNode()
                .add(Fields.text(cm, "metadata", "name"))
                .add((long) Fields.size(cm, "data") + Fields.size(cm, "binaryData"))
                .add(HumanDuration.since(Fields.at(cm, "metadata", "creationTimestamp"), now));
    }
}
