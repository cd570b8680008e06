package dev.podium.model.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.time.Instant;
import java.util.List;

/** NAME PARENTREF, e.g. {@code 10.96.0.10  services/kube-system/kube-dns}. */
final class IPAddressColumns implements KindPrinter {
    private static final List<Column> COLUMNS = List.of(
            Column.nameColumn(),
            Column.text("ParentRef", "ParentRef references the resource that an IPAddress is attached to. An IPAddress must reference a parent object."));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public ArrayNode cells(ObjectNode ip, Instant now) {
        return Json.MAPPER.createArrayNode()
                .add(Fields.text(ip, "metadata", "name"))
                .add(parentRef(ip));
    }

    /** kube's printIPAddress: resource[.group][/namespace]/name, lower case, or {@code <none>}. */
    static String parentRef(ObjectNode ip) {
        if (!Fields.present(ip, "spec", "parentRef")) return "<none>";
        JsonNode ref = Fields.at(ip, "spec", "parentRef");
        String group = Fields.text(ref, "group");
        String namespace = Fields.text(ref, "namespace");
        String resource = Fields.text(ref, "resource") + (group.isEmpty() ? "" : "." + group);
        return resource.toLowerCase() + (namespace.isEmpty() ? "" : "/" + namespace) + "/" + Fields.text(ref, "name");
    }
}
