package dev.podium.model.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.time.Instant;
import java.util.List;

/** NAME TYPE NOMINALCONCURRENCYSHARES QUEUES HANDSIZE QUEUELENGTHLIMIT AGE, as kube's printPriorityLevelConfiguration. */
final class PriorityLevelConfigurationColumns implements KindPrinter {
    private static final List<Column> COLUMNS = List.of(
            Column.nameColumn(),
            Column.text("Type", "Exempt or Limited"),
            Column.text("NominalConcurrencyShares", "The level's share of the server's concurrency"),
            Column.text("Queues", "The number of queues of the level"),
            Column.text("HandSize", "The number of queues a flow is shuffle-sharded to"),
            Column.text("QueueLengthLimit", "The most requests one queue holds"),
            Column.ageColumn());

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public ArrayNode cells(ObjectNode level, Instant now) {
        JsonNode limited = Fields.at(level, "spec", "limited");
        JsonNode queuing = limited.path("limitResponse").path("queuing");
        return Json.MAPPER.createArrayNode()
                .add(Fields.text(level, "metadata", "name"))
                .add(Fields.text(level, "spec", "type"))
                .add(orNone(limited.path("nominalConcurrencyShares")))
                .add(orNone(queuing.path("queues")))
                .add(orNone(queuing.path("handSize")))
                .add(orNone(queuing.path("queueLengthLimit")))
                .add(HumanDuration.since(Fields.at(level, "metadata", "creationTimestamp"), now));
    }

    private static String orNone(JsonNode value) {
        return value.isNumber() ? value.asText() : "<none>";
    }
}
