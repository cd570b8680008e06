package dev.podium.actors.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.validation.Nodes;

import java.util.Map;

/** Lenient reads of the Pod and Node fields the scheduler looks at. */
public final class Pods {
    private Pods() {}

    public static ObjectNode spec(JsonNode obj) {
        return Nodes.obj(obj, "spec");
    }

    public static String name(JsonNode obj) {
        return Nodes.str(Nodes.obj(obj, "metadata"), "name");
    }

    public static String namespace(JsonNode pod) {
        String ns = Nodes.str(Nodes.obj(pod, "metadata"), "namespace");
        return ns.isEmpty() ? "default" : ns;
    }

    public static String uid(JsonNode obj) {
        return Nodes.str(Nodes.obj(obj, "metadata"), "uid");
    }

    /** namespace/name, how pods are told apart. */
    public static String key(JsonNode pod) {
        return namespace(pod) + "/" + name(pod);
    }

    public static Map<String, String> labels(JsonNode obj) {
        return Nodes.stringMap(Nodes.obj(obj, "metadata"), "labels");
    }

    public static String nodeName(JsonNode pod) {
        return Nodes.str(spec(pod), "nodeName");
    }

    public static boolean isTerminal(JsonNode pod) {
        String phase = Nodes.str(Nodes.obj(pod, "status"), "phase");
        return phase.equals("Succeeded") || phase.equals("Failed");
    }

    public static boolean isTerminating(JsonNode pod) {
        return !Nodes.isEmpty(Nodes.obj(pod, "metadata"), "deletionTimestamp");
    }

    /** spec.priority as the Priority admission plugin resolved it; absent is 0. */
    /** True when the pod has any pod affinity or anti-affinity term, required or preferred. */
    public static boolean hasPodAffinity(JsonNode pod) {
        JsonNode affinity = pod.path("spec").path("affinity");
        return !affinity.path("podAffinity").isMissingNode() || !affinity.path("podAntiAffinity").isMissingNode();
    }

    public static int priority(JsonNode pod) {
        Long p = Nodes.integer(spec(pod), "priority");
        return p == null ? 0 : (int) (long) p;
    }

    /** A nested object such as {@code spec.affinity.podAffinity}; null when any part is missing. */
    public static JsonNode at(JsonNode obj, String... path) {
        JsonNode cur = obj;
        for (String p : path) {
            if (cur == null || !cur.isObject()) return null;
            cur = cur.get(p);
        }
        return cur == null || cur.isNull() ? null : cur;
    }
}
