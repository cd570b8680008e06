package dev.podium.model.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.time.Instant;
import java.util.List;

/** NAME SERVICE AVAILABLE AGE: Local or namespace/name, and the Available condition with its reason when it is not True. */
final class ApiServiceColumns implements KindPrinter {
    private static final List<Column> COLUMNS = List.of(
            Column.nameColumn(),
            Column.text("Service", "The reference to the service that hosts this API endpoint."),
            Column.text("Available", "Whether this service is available."),
            Column.ageColumn());

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public ArrayNode cells(ObjectNode api, Instant now) {
        JsonNode service = api.path("spec").path("service");
        String where = service.isObject() ? service.path("namespace").asText() + "/" + service.path("name").asText() : "Local";
        String available = "Unknown";
        for (JsonNode c : api.path("status").path("conditions")) {
            if (!c.path("type").asText().equals("Available")) continue;
            available = c.path("status").asText();
            if (!available.equals("True")) available += " (" + c.path("reason").asText() + ")";
        }
        return Json.MAPPER.createArrayNode()
                .add(Fields.text(api, "metadata", "name"))
                .add(where)
                .add(available)
                .add(HumanDuration.since(Fields.at(api, "metadata", "creationTimestamp"), now));
    }
}
