package dev.podium.model.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.time.Instant;
import java.util.List;

/** NAME PRIORITYLEVEL MATCHINGPRECEDENCE DISTINGUISHERMETHOD AGE MISSINGPL, as kube's printFlowSchema. */
final class FlowSchemaColumns implements KindPrinter {
    private static final List<Column> COLUMNS = List.of(
            Column.nameColumn(),
            Column.text("PriorityLevel", "The priority level that matching requests are assigned to"),
            Column.integer("MatchingPrecedence", "The order in which flow schemas are tried; lower first"),
            Column.text("DistinguisherMethod", "How requests of one flow schema are split into flows"),
            Column.ageColumn(),
            Column.text("MissingPL", "Whether the referenced priority level is missing (the Dangling condition)"));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public ArrayNode cells(ObjectNode schema, Instant now) {
        JsonNode distinguisher = Fields.at(schema, "spec", "distinguisherMethod", "type");
        return Json.MAPPER.createArrayNode()
                .add(Fields.text(schema, "metadata", "name"))
                .add(Fields.text(schema, "spec", "priorityLevelConfiguration", "name"))
                .add(Fields.number(schema, "spec", "matchingPrecedence"))
                .add(distinguisher.isTextual() ? distinguisher.asText() : "<none>")
                .add(HumanDuration.since(Fields.at(schema, "metadata", "creationTimestamp"), now))
                .add(missingLevel(schema));
    }

    private static String missingLevel(JsonNode schema) {
        for (JsonNode c : Fields.list(schema, "status", "conditions")) {
            if ("Dangling".equals(c.path("type").asText())) return c.path("status").asText("?");
        }
        return "?";
    }
}
