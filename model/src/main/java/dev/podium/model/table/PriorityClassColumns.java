package dev.podium.model.table;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.time.Instant;
import java.util.List;

/** NAME VALUE GLOBAL-DEFAULT AGE PREEMPTIONPOLICY. */
final class PriorityClassColumns implements KindPrinter {
    private static final List<Column> COLUMNS = List.of(
            Column.nameColumn(),
            Column.text("Value", "The integer value of this priority class."),
            Column.text("Global-Default", "Whether pods without a priorityClassName get this class."),
            Column.ageColumn(),
            Column.text("PreemptionPolicy", "Whether pods of this class may preempt lower-priority pods."));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public ArrayNode cells(ObjectNode pc, Instant now) {
        return Json.MAPPER.createArrayNode()
                .add(Fields.text(pc, "metadata", "name"))
                .add(pc.path("value").asLong())
                .add(pc.path("globalDefault").asBoolean(false))
                .add(HumanDuration.since(Fields.at(pc, "metadata", "creationTimestamp"), now))
                .add(pc.path("preemptionPolicy").asText("PreemptLowerPriority"));
    }
}
