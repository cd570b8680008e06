package dev.podium.model.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** NAME CLASS HOSTS ADDRESS PORTS AGE, as kube's printIngress. */
final class IngressColumns implements KindPrinter {
    private static final int SHOWN_HOSTS = 3;
    private static final List<Column> COLUMNS = List.of(
            Column.nameColumn(),
            Column.text("Class", "The name of the IngressClass resource that should be used for additional configuration"),
            Column.text("Hosts", "Hosts that incoming requests are matched against before the ingress rule"),
            Column.text("Address", "Address is a list containing ingress points for the load-balancer"),
            Column.text("Ports", "Ports of TLS configurations that open"),
            Column.ageColumn());

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public ArrayNode cells(ObjectNode ingress, Instant now) {
        return Json.MAPPER.createArrayNode()
                .add(Fields.text(ingress, "metadata", "name"))
                .add(className(ingress))
                .add(hosts(ingress))
                .add(address(ingress))
                .add(Fields.size(ingress, "spec", "tls") > 0 ? "80, 443" : "80")
                .add(HumanDuration.since(Fields.at(ingress, "metadata", "creationTimestamp"), now));
    }

    static String className(JsonNode ingress) {
        JsonNode name = Fields.at(ingress, "spec", "ingressClassName");
        return name.isTextual() ? name.asText() : "<none>";
    }

    /**
     * kube's formatHosts: the first three hosts named, rules without one skipped, and a count of
     * the rules after the third host (hosted or not); "*" when no rule names a host.
     */
    static String hosts(JsonNode ingress) {
        List<JsonNode> rules = Fields.list(ingress, "spec", "rules");
        List<String> shown = new ArrayList<>();
        boolean more = false;
        for (JsonNode rule : rules) {
            if (shown.size() == SHOWN_HOSTS) {
                more = true;
                break;
            }
            String host = Fields.text(rule, "host");
            if (!host.isEmpty()) shown.add(host);
        }
        if (shown.isEmpty()) return "*";
        String joined = String.join(",", shown);
        return more ? joined + " + " + (rules.size() - SHOWN_HOSTS) + " more..." : joined;
    }

    /** Each load balancer entry's IP, else its hostname, sorted and deduplicated; not clipped, as the server prints wide. */
    static String address(JsonNode ingress) {
        TreeSet<String> addresses = new TreeSet<>();
        for (JsonNode entry : Fields.list(ingress, "status", "loadBalancer", "ingress")) {
            String ip = Fields.text(entry, "ip");
            String hostname = Fields.text(entry, "hostname");
            if (!ip.isEmpty()) addresses.add(ip);
            else if (!hostname.isEmpty()) addresses.add(hostname);
        }
        return String.join(",", addresses);
    }
}
