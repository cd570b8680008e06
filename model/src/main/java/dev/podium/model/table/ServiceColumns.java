package dev.podium.model.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE, wide SELECTOR. */
final class ServiceColumns implements KindPrinter {
    private static final List<Column> COLUMNS = List.of(
            Column.nameColumn(),
            Column.text("Type", "type determines how the Service is exposed."),
            Column.text("Cluster-IP", "clusterIP is the IP address of the service and is usually assigned randomly."),
            Column.text("External-IP", "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service."),
            Column.text("Port(s)", "The list of ports that are exposed by this service."),
            Column.ageColumn(),
            Column.wide("Selector", "Route service traffic to pods with label keys and values matching this selector."));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public ArrayNode cells(ObjectNode svc, Instant now) {
        String ports = ports(svc);
        return Json.MAPPER.createArrayNode()
                .add(Fields.text(svc, "metadata", "name"))
                .add(Fields.text(svc, "spec", "type"))
                .add(clusterIp(svc))
                .add(externalIp(svc))
                .add(ports.isEmpty() ? "<none>" : ports)
                .add(HumanDuration.since(Fields.at(svc, "metadata", "creationTimestamp"), now))
                .add(selector(svc));
    }

    // kube reads spec.clusterIPs[0]; spec.clusterIP is the fallback for objects written before clusterIPs was defaulted.
    static String clusterIp(JsonNode svc) {
        List<JsonNode> ips = Fields.list(svc, "spec", "clusterIPs");
        if (!ips.isEmpty()) return ips.get(0).asText();
        String ip = Fields.text(svc, "spec", "clusterIP");
        return ip.isEmpty() ? "<none>" : ip;
    }

    static String externalIp(JsonNode svc) {
        List<String> externalIps = new ArrayList<>();
        for (JsonNode ip : Fields.list(svc, "spec", "externalIPs")) externalIps.add(ip.asText());
        switch (Fields.text(svc, "spec", "type")) {
            case "ClusterIP", "NodePort":
                return externalIps.isEmpty() ? "<none>" : String.join(",", externalIps);
            case "LoadBalancer": {
                String lb = loadBalancerIngress(svc);
                if (!externalIps.isEmpty()) {
                    List<String> all = new ArrayList<>();
                    if (!lb.isEmpty()) all.addAll(List.of(lb.split(",")));
                    all.addAll(externalIps);
                    return String.join(",", all);
                }
                return lb.isEmpty() ? "<pending>" : lb;
            }
            case "ExternalName":
                return Fields.text(svc, "spec", "externalName");
            default:
                return "<unknown>";
        }
    }

    /** Not clipped to 16 characters: the server prints wide and kubectl shows the cell as sent. */
    private static String loadBalancerIngress(JsonNode svc) {
        TreeSet<String> result = new TreeSet<>();
        for (JsonNode in : Fields.list(svc, "status", "loadBalancer", "ingress")) {
            String ip = Fields.text(in, "ip");
            String host = Fields.text(in, "hostname");
            if (!ip.isEmpty()) result.add(ip);
            else if (!host.isEmpty()) result.add(host);
        }
        return String.join(",", result);
    }

    static String ports(JsonNode svc) {
        List<String> pieces = new ArrayList<>();
        for (JsonNode p : Fields.list(svc, "spec", "ports")) {
            long nodePort = Fields.number(p, "nodePort");
            String protocol = Fields.text(p, "protocol");
            pieces.add(Fields.number(p, "port") + (nodePort > 0 ? ":" + nodePort : "") + "/" + protocol);
        }
        return String.join(",", pieces);
    }

    /** labels.FormatLabels of spec.selector. */
    static String selector(JsonNode svc) {
        return LabelCells.labels(Fields.at(svc, "spec", "selector"));
    }
}
