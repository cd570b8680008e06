package dev.podium.model.table;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.time.Instant;
import java.util.List;

/** NAME CREATED-AT: kube prints CustomResourceDefinitions, Roles and ClusterRoles with the creation time as a timestamp. */
final class CreatedAtColumns implements KindPrinter {
    private static final List<Column> COLUMNS = List.of(
            Column.nameColumn(),
            new Column("Created At", "date", "", Column.AGE_DESCRIPTION, 0));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public ArrayNode cells(ObjectNode obj, Instant now) {
        return Json.MAPPER.createArrayNode()
                .add(Fields.text(obj, "metadata", "name"))
                .add(Fields.text(obj, "metadata", "creationTimestamp"));
    }
}
