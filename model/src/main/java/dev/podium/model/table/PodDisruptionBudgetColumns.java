package dev.podium.model.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.time.Instant;
import java.util.List;

/** NAME MIN AVAILABLE MAX UNAVAILABLE ALLOWED DISRUPTIONS AGE. */
final class PodDisruptionBudgetColumns implements KindPrinter {
    private static final List<Column> COLUMNS = List.of(
            Column.nameColumn(),
            Column.text("Min Available", "The minimum number of pods that must be available."),
            Column.text("Max Unavailable", "The maximum number of pods that may be unavailable."),
            Column.text("Allowed Disruptions", "Calculated number of pods that may be disrupted at this time."),
            Column.ageColumn());

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public ArrayNode cells(ObjectNode pdb, Instant now) {
        return Json.MAPPER.createArrayNode()
                .add(Fields.text(pdb, "metadata", "name"))
                .add(orNa(pdb.path("spec").get("minAvailable")))
                .add(orNa(pdb.path("spec").get("maxUnavailable")))
                .add(pdb.path("status").path("disruptionsAllowed").asLong(0))
                .add(HumanDuration.since(Fields.at(pdb, "metadata", "creationTimestamp"), now));
    }

    private static String orNa(JsonNode v) {
        return v == null || v.isNull() ? "N/A" : v.asText();
    }
}
