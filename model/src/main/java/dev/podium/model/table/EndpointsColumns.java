package dev.podium.model.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** NAME ENDPOINTS AGE; ENDPOINTS is the first three ready ip:port pairs, then "+ N more..." (kube's formatEndpoints). */
final class EndpointsColumns implements KindPrinter {
    static final int SHOWN = 3;
    private static final List<Column> COLUMNS = List.of(
            Column.nameColumn(),
            Column.text("Endpoints", "Endpoints is the list of endpoints in the endpoint slice."),
            Column.ageColumn());

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public ArrayNode cells(ObjectNode endpoints, Instant now) {
        return Json.MAPPER.createArrayNode()
                .add(Fields.text(endpoints, "metadata", "name"))
                .add(format(endpoints.path("subsets")))
                .add(HumanDuration.since(Fields.at(endpoints, "metadata", "creationTimestamp"), now));
    }

    static String format(JsonNode subsets) {
        if (subsets.isEmpty()) return "<none>";
        List<String> shown = new ArrayList<>();
        int count = 0;
        for (JsonNode subset : subsets) {
            JsonNode addresses = subset.path("addresses");
            if (subset.path("ports").isEmpty()) {
                count += addresses.size();
                for (JsonNode a : addresses) if (shown.size() < SHOWN) shown.add(a.path("ip").asText());
                continue;
            }
            for (JsonNode port : subset.path("ports")) {
                count += addresses.size();
                for (JsonNode a : addresses) if (shown.size() < SHOWN) shown.add(hostPort(a.path("ip").asText(), port.path("port").asInt()));
            }
        }
        return withMore(shown, count, "");
    }

    /** The shown items joined by commas, "+ N more..." when some are left out, {@code empty} when there are none. */
    static String withMore(List<String> shown, int count, String empty) {
        String joined = String.join(",", shown);
        if (count > shown.size()) return joined + " + " + (count - shown.size()) + " more...";
        return joined.isEmpty() ? empty : joined;
    }

    private static String hostPort(String ip, int port) {
        return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port;
    }
}
