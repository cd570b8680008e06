package dev.podium.model.table;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.time.Instant;
import java.util.List;

/** NAME CREATED-AT: kube prints CustomResourceDefinitions with its default table, the creation time as a timestamp. */
final class CustomResourceDefinitionColumns implements KindPrinter {
    private static final List<Column> COLUMNS = List.of(
            Column.nameColumn(),
            new Column("Created At", "date", "", Column.AGE_DESCRIPTION, 0));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public ArrayNode cells(ObjectNode crd, Instant now) {
        return Json.MAPPER.createArrayNode()
                .add(Fields.text(crd, "metadata", "name"))
                .add(Fields.text(crd, "metadata", "creationTimestamp"));
    }
}
