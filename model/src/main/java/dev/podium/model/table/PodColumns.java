package dev.podium.model.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.time.Instant;
import java.util.List;

/** kube's pod columns: NAME READY STATUS RESTARTS AGE, wide IP NODE NOMINATED NODE READINESS GATES. */
final class PodColumns implements KindPrinter {
    private static final List<Column> COLUMNS = List.of(
            Column.nameColumn(),
            Column.text("Ready", "The aggregate readiness state of this pod for accepting traffic."),
            Column.text("Status", "The aggregate status of the containers in this pod."),
            Column.text("Restarts", "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."),
            Column.ageColumn(),
            Column.wide("IP", "podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated."),
            Column.wide("Node", "NodeName indicates in which node this pod is scheduled."),
            Column.wide("Nominated Node", "nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods."),
            Column.wide("Readiness Gates", "If specified, all readiness gates will be evaluated for pod readiness."));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public ArrayNode cells(ObjectNode pod, Instant now) {
        PodStatusColumn.Summary s = PodStatusColumn.summarize(pod);
        ArrayNode cells = Json.MAPPER.createArrayNode();
        cells.add(Fields.text(pod, "metadata", "name"))
                .add(s.ready())
                .add(s.status())
                .add(s.restartsCell(now))
                .add(HumanDuration.since(Fields.at(pod, "metadata", "creationTimestamp"), now))
                .add(orNone(podIp(pod)))
                .add(orNone(Fields.text(pod, "spec", "nodeName")))
                .add(orNone(Fields.text(pod, "status", "nominatedNodeName")))
                .add(readinessGates(pod));
        return cells;
    }

    @Override
    public ArrayNode conditions(ObjectNode pod) {
        String phase = Fields.text(pod, "status", "phase");
        if (!phase.equals("Succeeded") && !phase.equals("Failed")) return null;
        ArrayNode out = Json.MAPPER.createArrayNode();
        out.addObject().put("type", "Completed").put("status", "True").put("reason", phase)
                .put("message", phase.equals("Succeeded") ? "The pod has completed successfully." : "The pod failed.");
        return out;
    }

    private static String podIp(JsonNode pod) {
        List<JsonNode> ips = Fields.list(pod, "status", "podIPs");
        return ips.isEmpty() ? "" : Fields.text(ips.get(0), "ip");
    }

    private static String readinessGates(JsonNode pod) {
        List<JsonNode> gates = Fields.list(pod, "spec", "readinessGates");
        if (gates.isEmpty()) return "<none>";
        int trueConditions = 0;
        for (JsonNode gate : gates) {
            String type = Fields.text(gate, "conditionType");
            for (JsonNode c : Fields.list(pod, "status", "conditions")) {
                if (type.equals(Fields.text(c, "type"))) {
                    if ("True".equals(Fields.text(c, "status"))) trueConditions++;
                    break;
                }
            }
        }
        return trueConditions + "/" + gates.size();
    }

    static String orNone(String s) {
        return s.isEmpty() ? "<none>" : s;
    }
}
