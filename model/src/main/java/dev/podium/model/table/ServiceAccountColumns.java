package dev.podium.model.table;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.time.Instant;
import java.util.List;

/** NAME SECRETS AGE; Secrets is a number. */
final class ServiceAccountColumns implements KindPrinter {
    private static final List<Column> COLUMNS = List.of(
            Column.nameColumn(),
            Column.text("Secrets", "Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use."),
            Column.ageColumn());

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public ArrayNode cells(ObjectNode sa, Instant now) {
        return Json.MAPPER.createArrayNode()
                .add(Fields.text(sa, "metadata", "name"))
                .add((long) Fields.size(sa, "secrets"))
                .add(HumanDuration.since(Fields.at(sa, "metadata", "creationTimestamp"), now));
    }
}
