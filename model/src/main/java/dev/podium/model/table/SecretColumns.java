package dev.podium.model.table;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.time.Instant;
import java.util.List;

/** NAME TYPE DATA AGE; Data is a number. */
final class SecretColumns implements KindPrinter {
    private static final List<Column> COLUMNS = List.of(
            Column.nameColumn(),
            Column.text("Type", "Used to facilitate programmatic handling of secret data."),
            Column.text("Data", "Data contains the secret data. Each key must consist of alphanumeric characters, '-', '_' or '.'."),
            Column.ageColumn());

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public ArrayNode cells(ObjectNode secret, Instant now) {
        return Json.MAPPER.createArrayNode()
                .add(Fields.text(secret, "metadata", "name"))
                .add(Fields.text(secret, "type"))
                .add((long) Fields.size(secret, "data"))
                .add(HumanDuration.since(Fields.at(secret, "metadata", "creationTimestamp"), now));
    }
}
