package dev.podium.model.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** NAME ADDRESSTYPE PORTS ENDPOINTS AGE, three of each list shown as kube's printer does. */
final class EndpointSliceColumns implements KindPrinter {
    private static final List<Column> COLUMNS = List.of(
            Column.nameColumn(),
            Column.text("AddressType", "The IP protocol for this slice."),
            Column.text("Ports", "The ports included in this slice."),
            Column.text("Endpoints", "A list of endpoints in this slice."),
            Column.ageColumn());

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public ArrayNode cells(ObjectNode slice, Instant now) {
        return Json.MAPPER.createArrayNode()
                .add(Fields.text(slice, "metadata", "name"))
                .add(slice.path("addressType").asText())
                .add(ports(slice.path("ports")))
                .add(endpoints(slice.path("endpoints")))
                .add(HumanDuration.since(Fields.at(slice, "metadata", "creationTimestamp"), now));
    }

    private static String ports(JsonNode ports) {
        List<String> shown = new ArrayList<>();
        for (JsonNode p : ports) {
            if (shown.size() == EndpointsColumns.SHOWN) break;
            shown.add(p.has("port") ? p.path("port").asText() : p.has("name") ? p.path("name").asText() : "*");
        }
        return EndpointsColumns.withMore(shown, ports.size(), "<unset>");
    }

    private static String endpoints(JsonNode endpoints) {
        List<String> shown = new ArrayList<>();
        int count = 0;
        for (JsonNode e : endpoints) {
            for (JsonNode address : e.path("addresses")) {
                if (shown.size() < EndpointsColumns.SHOWN) shown.add(address.asText());
                count++;
            }
        }
        return EndpointsColumns.withMore(shown, count, "<unset>");
    }
}
