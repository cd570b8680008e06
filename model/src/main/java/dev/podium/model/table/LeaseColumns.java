package dev.podium.model.table;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.time.Instant;
import java.util.List;

/** NAME HOLDER AGE. */
final class LeaseColumns implements KindPrinter {
    private static final List<Column> COLUMNS = List.of(
            Column.nameColumn(),
            Column.text("Holder", "The holder of the lease."),
            Column.ageColumn());

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public ArrayNode cells(ObjectNode lease, Instant now) {
        return Json.MAPPER.createArrayNode()
                .add(Fields.text(lease, "metadata", "name"))
                .add(Fields.text(lease, "spec", "holderIdentity"))
                .add(HumanDuration.since(Fields.at(lease, "metadata", "creationTimestamp"), now));
    }
}
