package dev.podium.actors.scheduler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.util.List;

/** Terse builders for the Node and Pod objects the scheduler tests use. */
public final class Fixtures {
    private Fixtures() {}

    /** A node with 4 cpu, 8Gi memory, 110 pods allocatable unless changed. */
    public static NodeBuilder node(String name) {
        return new NodeBuilder(name);
    }

    public static PodBuilder pod(String name) {
        return new PodBuilder(name);
    }

    public static ObjectNode yaml(String yaml) {
        try {
            return (ObjectNode) Json.YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static ClusterSnapshot snapshot(List<ObjectNode> nodes, List<ObjectNode> pods) {
        return ClusterSnapshot.of(nodes, pods);
    }

    /** The NodeInfo for {@code node} in a snapshot of these objects. */
    public static NodeInfo info(ClusterSnapshot snapshot, ObjectNode node) {
        return snapshot.node(Pods.name(node)).orElseThrow();
    }

    public static final class NodeBuilder {
        private final ObjectNode node = Json.object();

        NodeBuilder(String name) {
            node.put("apiVersion", "v1").put("kind", "Node");
            node.putObject("metadata").put("name", name).putObject("labels").put("kubernetes.io/hostname", name);
            node.putObject("spec");
            node.putObject("status").putObject("allocatable").put("cpu", "4").put("memory", "8Gi").put("pods", "110");
        }

        public NodeBuilder label(String key, String value) {
            ((ObjectNode) node.get("metadata").get("labels")).put(key, value);
            return this;
        }

        public NodeBuilder allocatable(String resource, String quantity) {
            ((ObjectNode) node.get("status").get("allocatable")).put(resource, quantity);
            return this;
        }

        public NodeBuilder noAllocatable() {
            ((ObjectNode) node.get("status")).remove("allocatable");
            return this;
        }

        public NodeBuilder capacity(String resource, String quantity) {
            ObjectNode status = (ObjectNode) node.get("status");
            (status.has("capacity") ? (ObjectNode) status.get("capacity") : status.putObject("capacity")).put(resource, quantity);
            return this;
        }

        public NodeBuilder taint(String key, String value, String effect) {
            ObjectNode spec = (ObjectNode) node.get("spec");
            ObjectNode t = (spec.has("taints") ? (com.fasterxml.jackson.databind.node.ArrayNode) spec.get("taints") : spec.putArray("taints")).addObject();
            t.put("key", key);
            if (value != null) t.put("value", value);
            t.put("effect", effect);
            return this;
        }

        public NodeBuilder unschedulable() {
            ((ObjectNode) node.get("spec")).put("unschedulable", true);
            return this;
        }

        public ObjectNode build() {
            return node;
        }
    }

    public static final class PodBuilder {
        private final ObjectNode pod = Json.object();

        PodBuilder(String name) {
            pod.put("apiVersion", "v1").put("kind", "Pod");
            pod.putObject("metadata").put("name", name).put("namespace", "default");
            pod.putObject("spec").putArray("containers").addObject().put("name", "c").put("image", "busybox");
        }

        private ObjectNode spec() {
            return (ObjectNode) pod.get("spec");
        }

        private ObjectNode container() {
            return (ObjectNode) spec().get("containers").get(0);
        }

        public PodBuilder namespace(String ns) {
            ((ObjectNode) pod.get("metadata")).put("namespace", ns);
            return this;
        }

        public PodBuilder label(String key, String value) {
            ObjectNode md = (ObjectNode) pod.get("metadata");
            (md.has("labels") ? (ObjectNode) md.get("labels") : md.putObject("labels")).put(key, value);
            return this;
        }

        public PodBuilder request(String resource, String quantity) {
            return resources("requests", resource, quantity);
        }

        public PodBuilder limit(String resource, String quantity) {
            return resources("limits", resource, quantity);
        }

        private PodBuilder resources(String kind, String resource, String quantity) {
            ObjectNode c = container();
            ObjectNode r = c.has("resources") ? (ObjectNode) c.get("resources") : c.putObject("resources");
            (r.has(kind) ? (ObjectNode) r.get(kind) : r.putObject(kind)).put(resource, quantity);
            return this;
        }

        public PodBuilder onNode(String nodeName) {
            spec().put("nodeName", nodeName);
            return this;
        }

        public PodBuilder phase(String phase) {
            pod.putObject("status").put("phase", phase);
            return this;
        }

        public PodBuilder priority(int priority) {
            spec().put("priority", priority);
            return this;
        }

        /** Merges a YAML mapping into spec, e.g. {@code "tolerations: [{operator: Exists}]"}. */
        public PodBuilder spec(String yaml) {
            yaml(yaml).fields().forEachRemaining(e -> spec().set(e.getKey(), e.getValue()));
            return this;
        }

        public PodBuilder set(String field, JsonNode value) {
            spec().set(field, value);
            return this;
        }

        public ObjectNode build() {
            return pod;
        }
    }
}
