package dev.podium.model.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** NAME STATUS ROLES AGE VERSION, wide INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME. */
final class NodeColumns implements KindPrinter {
    private static final String ROLE_PREFIX = "node-role.kubernetes.io/";
    private static final String ROLE_LABEL = "kubernetes.io/role";
    private static final String ADDRESSES = "List of addresses reachable to the node.";
    private static final List<Column> COLUMNS = List.of(
            Column.nameColumn(),
            Column.text("Status", "The status of the node"),
            Column.text("Roles", "The roles of the node"),
            Column.ageColumn(),
            Column.text("Version", "Kubelet Version reported by the node."),
            Column.wide("Internal-IP", ADDRESSES),
            Column.wide("External-IP", ADDRESSES),
            Column.wide("OS-Image", "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy))."),
            Column.wide("Kernel-Version", "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64)."),
            Column.wide("Container-Runtime", "ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2)."));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public ArrayNode cells(ObjectNode node, Instant now) {
        JsonNode info = Fields.at(node, "status", "nodeInfo");
        return Json.MAPPER.createArrayNode()
                .add(Fields.text(node, "metadata", "name"))
                .add(status(node))
                .add(roles(node))
                .add(HumanDuration.since(Fields.at(node, "metadata", "creationTimestamp"), now))
                .add(Fields.text(info, "kubeletVersion"))
                .add(address(node, "InternalIP"))
                .add(address(node, "ExternalIP"))
                .add(orUnknown(Fields.text(info, "osImage")))
                .add(orUnknown(Fields.text(info, "kernelVersion")))
                .add(orUnknown(Fields.text(info, "containerRuntimeVersion")));
    }

    /** Only the Ready condition counts: Ready, NotReady or Unknown, then SchedulingDisabled when cordoned. */
    static String status(JsonNode node) {
        List<String> status = new ArrayList<>();
        JsonNode ready = null;
        for (JsonNode c : Fields.list(node, "status", "conditions")) {
            if ("Ready".equals(Fields.text(c, "type"))) ready = c; // kube keeps the last one of a type
        }
        if (ready != null) status.add("True".equals(Fields.text(ready, "status")) ? "Ready" : "NotReady");
        if (status.isEmpty()) status.add("Unknown");
        if (Fields.bool(node, "spec", "unschedulable")) status.add("SchedulingDisabled");
        return String.join(",", status);
    }

    static String roles(JsonNode node) {
        TreeSet<String> roles = new TreeSet<>();
        Iterator<Map.Entry<String, JsonNode>> labels = Fields.at(node, "metadata", "labels").fields();
        while (labels.hasNext()) {
            Map.Entry<String, JsonNode> e = labels.next();
            String k = e.getKey();
            String v = e.getValue().asText("");
            if (k.startsWith(ROLE_PREFIX)) {
                if (k.length() > ROLE_PREFIX.length()) roles.add(k.substring(ROLE_PREFIX.length()));
            } else if (k.equals(ROLE_LABEL) && !v.isEmpty()) {
                roles.add(v);
            }
        }
        return roles.isEmpty() ? "<none>" : String.join(",", roles);
    }

    private static String address(JsonNode node, String type) {
        for (JsonNode a : Fields.list(node, "status", "addresses")) {
            if (type.equals(Fields.text(a, "type"))) return Fields.text(a, "address");
        }
        return "<none>";
    }

    private static String orUnknown(String s) {
        return s.isEmpty() ? "<unknown>" : s;
    }
}
