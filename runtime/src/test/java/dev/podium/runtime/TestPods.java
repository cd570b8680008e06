package dev.podium.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Pod JSON builders, a fake PodContext and a recording status listener for runtime tests. */
public final class TestPods {
    private TestPods() {}

    public static ObjectNode pod(String name, String restartPolicy, ObjectNode... containers) {
        ObjectNode pod = Json.object();
        ObjectNode md = pod.putObject("metadata");
        md.put("name", name).put("namespace", "default").put("uid", UUID.randomUUID().toString());
        md.putObject("labels").put("app", name);
        ObjectNode spec = pod.putObject("spec");
        if (restartPolicy != null) spec.put("restartPolicy", restartPolicy);
        spec.put("terminationGracePeriodSeconds", 2);
        spec.put("nodeName", "node-1");
        spec.put("serviceAccountName", "default");
        ArrayNode cs = spec.putArray("containers");
        for (ObjectNode c : containers) cs.add(c);
        return pod;
    }

    /** A container running {@code /bin/sh -c script}. */
    public static ObjectNode sh(String name, String script) {
        ObjectNode c = Json.object();
        c.put("name", name).put("image", "busybox");
        c.putArray("command").add("/bin/sh").add("-c").add(script);
        return c;
    }

    public static ObjectNode container(String name, String... command) {
        ObjectNode c = Json.object();
        c.put("name", name).put("image", "busybox");
        ArrayNode a = c.putArray("command");
        for (String s : command) a.add(s);
        return c;
    }

    public static String uid(ObjectNode pod) {
        return Json.textAt(pod, "metadata.uid");
    }

    /** JSON with ' for " and ` for '. */
    public static ObjectNode parse(String json) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(json.replace('\'', '"').replace('`', '\''));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static final class Context implements PodContext {
        private final Map<String, ObjectNode> objects = new ConcurrentHashMap<>();
        private volatile String token;

        /** The token a projected serviceAccountToken source gets; none until set. */
        public Context token(String t) {
            this.token = t;
            return this;
        }

        @Override
        public Optional<String> serviceAccountToken(ObjectNode pod, com.fasterxml.jackson.databind.JsonNode source) {
            return Optional.ofNullable(token);
        }

        @Override
        public String nodeName() {
            return "node-1";
        }

        @Override
        public String hostIP() {
            return "127.0.0.1";
        }

        @Override
        public Optional<ObjectNode> lookup(String kind, String namespace, String name) {
            return Optional.ofNullable(objects.get(kind + "/" + namespace + "/" + name));
        }

        public Context configMap(String name, Map<String, String> data) {
            ObjectNode o = Json.object();
            o.putObject("metadata").put("name", name).put("namespace", "default");
            ObjectNode d = o.putObject("data");
            data.forEach(d::put);
            objects.put("ConfigMap/default/" + name, o);
            return this;
        }

        public Context secret(String name, Map<String, String> data) {
            ObjectNode o = Json.object();
            o.putObject("metadata").put("name", name).put("namespace", "default");
            ObjectNode d = o.putObject("data");
            data.forEach((k, v) -> d.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
            objects.put("Secret/default/" + name, o);
            return this;
        }
    }

    /** Records every status reported, per pod. */
    public static final class Recorder implements PodStatusListener {
        private final Map<String, List<ObjectNode>> statuses = new ConcurrentHashMap<>();

        @Override
        public void onStatus(String podUid, ObjectNode status) {
            statuses.computeIfAbsent(podUid, k -> new CopyOnWriteArrayList<>()).add(status);
        }

        public List<ObjectNode> all(String uid) {
            return new ArrayList<>(statuses.getOrDefault(uid, List.of()));
        }

        public ObjectNode last(String uid) {
            List<ObjectNode> l = statuses.get(uid);
            return l == null || l.isEmpty() ? Json.object() : l.get(l.size() - 1);
        }

        public String phase(String uid) {
            return last(uid).path("phase").asText("");
        }

        public JsonNode container(String uid, String name) {
            for (JsonNode c : last(uid).path("containerStatuses")) if (c.path("name").asText().equals(name)) return c;
            for (JsonNode c : last(uid).path("initContainerStatuses")) if (c.path("name").asText().equals(name)) return c;
            return Json.object();
        }

        public String condition(String uid, String type) {
            for (JsonNode c : last(uid).path("conditions")) if (c.path("type").asText().equals(type)) return c.path("status").asText();
            return "";
        }
    }
}
