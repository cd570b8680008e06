package dev.podium.model.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.time.Instant;
import java.util.List;

/** NAME CONTROLLER PARAMETERS AGE, as kube's printIngressClass. */
final class IngressClassColumns implements KindPrinter {
    private static final List<Column> COLUMNS = List.of(
            Column.nameColumn(),
            Column.text("Controller", "Controller that is responsible for handling this class"),
            Column.text("Parameters", "A reference to a resource with additional parameters"),
            Column.ageColumn());

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public ArrayNode cells(ObjectNode ingressClass, Instant now) {
        return Json.MAPPER.createArrayNode()
                .add(Fields.text(ingressClass, "metadata", "name"))
                .add(Fields.text(ingressClass, "spec", "controller"))
                .add(parameters(ingressClass))
                .add(HumanDuration.since(Fields.at(ingressClass, "metadata", "creationTimestamp"), now));
    }

    /** {@code Kind[.apiGroup]/name}, or {@code <none>} without parameters. */
    static String parameters(JsonNode ingressClass) {
        JsonNode parameters = Fields.at(ingressClass, "spec", "parameters");
        if (!parameters.isObject()) return "<none>";
        JsonNode apiGroup = parameters.path("apiGroup");
        String group = apiGroup.isTextual() ? "." + apiGroup.asText() : "";
        return Fields.text(parameters, "kind") + group + "/" + Fields.text(parameters, "name");
    }
}
