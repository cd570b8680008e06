package dev.podium.model.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** NAME AGE REQUEST LIMIT, each of the last two {@code resource: used/hard, …} as kube prints them. */
final class ResourceQuotaColumns implements KindPrinter {
    private static final List<Column> COLUMNS = List.of(
            Column.nameColumn(),
            Column.ageColumn(),
            Column.text("Request", "Request"),
            Column.text("Limit", "Limit"));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public ArrayNode cells(ObjectNode quota, Instant now) {
        JsonNode hard = quota.path("status").path("hard").isEmpty() ? quota.path("spec").path("hard") : quota.path("status").path("hard");
        JsonNode used = quota.path("status").path("used");
        TreeSet<String> names = new TreeSet<>();
        hard.fieldNames().forEachRemaining(names::add);
        List<String> requests = new ArrayList<>();
        List<String> limits = new ArrayList<>();
        for (String n : names) {
            String cell = n + ": " + used.path(n).asText("0") + "/" + hard.path(n).asText();
            (n.startsWith("limits.") ? limits : requests).add(cell);
        }
        return Json.MAPPER.createArrayNode()
                .add(Fields.text(quota, "metadata", "name"))
                .add(HumanDuration.since(Fields.at(quota, "metadata", "creationTimestamp"), now))
                .add(String.join(", ", requests))
                .add(String.join(", ", limits));
    }
}
