package dev.podium.model.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A custom resource version's table: Name, then the version's additionalPrinterColumns, or Age
 * when it declares none. A cell whose path finds nothing is null, which kubectl shows as
 * {@code <none>}; a date is shown as the time since it, as kube's tableconvertor does.
 */
public final class CustomResourceColumns implements KindPrinter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private record Printed(Column column, KubeJsonPath path) {}

    private final List<Column> columns = new ArrayList<>();
    private final List<Printed> printed = new ArrayList<>();

    /** @param additionalPrinterColumns the version's columns; null, missing or empty for Name and Age */
    public CustomResourceColumns(JsonNode additionalPrinterColumns) {
        columns.add(Column.nameColumn());
        JsonNode defs = additionalPrinterColumns;
        if (defs == null || !defs.isArray() || defs.isEmpty()) defs = Json.MAPPER.createArrayNode().add(ageDefinition());
        for (JsonNode def : defs) {
            String jsonPath = def.path("jsonPath").asText("");
            KubeJsonPath path;
            try {
                path = KubeJsonPath.compile(jsonPath);
            } catch (IllegalArgumentException e) {
                break; // kube keeps the columns before one it cannot parse and drops the rest
            }
            String description = def.path("description").asText("");
            if (description.isEmpty()) description = "Custom resource definition column (in JSONPath format): " + jsonPath;
            Column column = new Column(def.path("name").asText(""), def.path("type").asText(""), def.path("format").asText(""),
                    description, def.path("priority").asInt(0));
            columns.add(column);
            printed.add(new Printed(column, path));
        }
    }

    @Override
    public List<Column> columns() {
        return List.copyOf(columns);
    }

    @Override
    public ArrayNode cells(ObjectNode object, Instant now) {
        ArrayNode cells = Json.MAPPER.createArrayNode().add(Fields.text(object, "metadata", "name"));
        for (Printed p : printed) {
            Optional<JsonNode> value = p.path().first(object);
            cells.add(value.isEmpty() ? NODES.nullNode() : cell(p.column().type(), value.get(), now));
        }
        return cells;
    }

    /** kube's cellForJSONValue; a value of the wrong JSON type gives a null cell. */
    static JsonNode cell(String type, JsonNode value, Instant now) {
        if (type.equals("string")) return NODES.textNode(JsonPathText.of(value));
        if (value.isNull()) return NODES.nullNode();
        return switch (type) {
            case "integer" -> value.isNumber() ? NODES.numberNode(value.isIntegralNumber() ? value.asLong() : (long) value.asDouble()) : NODES.nullNode();
            case "number" -> value.isNumber() ? number(value.asDouble()) : NODES.nullNode();
            case "boolean" -> value.isBoolean() ? value : NODES.nullNode();
            case "date" -> value.isTextual() ? NODES.textNode(age(value.asText(), now)) : NODES.nullNode();
            default -> NODES.nullNode();
        };
    }

    /** A float64 cell: Go's JSON writes 3, not 3.0. */
    private static JsonNode number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return NODES.numberNode((long) d);
        return NODES.numberNode(d);
    }

    /** metav1.Time's query-parameter parsing, then kube's human-readable age. */
    private static String age(String timestamp, Instant now) {
        if (timestamp.isEmpty() || timestamp.equals("null")) return "<unknown>";
        try {
            return HumanDuration.format(Duration.between(OffsetDateTime.parse(timestamp).toInstant(), now));
        } catch (DateTimeParseException e) {
            return "<invalid>";
        }
    }

    /** What kube serves for a version without printer columns, besides Name. */
    private static ObjectNode ageDefinition() {
        return Json.object().put("name", "Age").put("type", "date").put("description", Column.AGE_DESCRIPTION)
                .put("jsonPath", ".metadata.creationTimestamp");
    }
}
