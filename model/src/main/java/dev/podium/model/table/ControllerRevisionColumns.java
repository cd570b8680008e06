package dev.podium.model.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.time.Instant;
import java.util.List;

/** NAME CONTROLLER REVISION AGE. */
final class ControllerRevisionColumns implements KindPrinter {
    private static final List<Column> COLUMNS = List.of(
            Column.nameColumn(),
            Column.text("Controller", "Controller of the object"),
            Column.text("Revision", "Revision indicates the revision of the state represented by Data."),
            Column.ageColumn());

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public ArrayNode cells(ObjectNode rev, Instant now) {
        return Json.MAPPER.createArrayNode()
                .add(Fields.text(rev, "metadata", "name"))
                .add(controller(rev))
                .add(Fields.number(rev, "revision"))
                .add(HumanDuration.since(Fields.at(rev, "metadata", "creationTimestamp"), now));
    }

    /** The controller owner as {@code <kind>.<group>/<name>} in lower case (no group for core kinds), or "&lt;none&gt;". */
    static String controller(JsonNode obj) {
        for (JsonNode ref : Fields.list(obj, "metadata", "ownerReferences")) {
            if (!Fields.bool(ref, "controller")) continue;
            String apiVersion = Fields.text(ref, "apiVersion");
            String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
            String kind = Fields.text(ref, "kind");
            String groupKind = group.isEmpty() ? kind : kind + "." + group;
            return groupKind.toLowerCase() + "/" + Fields.text(ref, "name");
        }
        return "<none>";
    }
}
