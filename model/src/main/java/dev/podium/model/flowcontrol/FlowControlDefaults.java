package dev.podium.model.flowcontrol;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.util.List;
import java.util.Set;

/**
 * kube-apiserver's bootstrap API Priority and Fairness configuration (flowcontrol.apiserver.k8s.io/v1):
 * the priority levels and the flow schemas that sort requests into them. {@code exempt} and
 * {@code catch-all} are mandatory (their spec is always the bootstrap one); the rest are suggested.
 */
public final class FlowControlDefaults {
    public static final String API_VERSION = "flowcontrol.apiserver.k8s.io/v1";
    public static final String AUTO_UPDATE_ANNOTATION = "apf.kubernetes.io/autoupdate-spec";
    public static final Set<String> MANDATORY = Set.of("exempt", "catch-all");
    private static final String NODES = "system:nodes";
    private static final String CONTROLLER_MANAGER = "system:kube-controller-manager";
    private static final String SCHEDULER = "system:kube-scheduler";
    private static final List<String> WRITE_VERBS = List.of("get", "create", "update");

    private FlowControlDefaults() {}

    public static List<ObjectNode> priorityLevels() {
        return List.of(
                exemptLevel(),
                limited("catch-all", 5, 0, null),
                limited("system", 30, 33, queuing(64, 6, 50)),
                limited("node-high", 40, 25, queuing(64, 6, 50)),
                limited("leader-election", 10, 0, queuing(16, 4, 50)),
                limited("workload-high", 40, 50, queuing(128, 6, 50)),
                limited("workload-low", 100, 90, queuing(128, 6, 50)),
                limited("global-default", 20, 50, queuing(128, 6, 50)));
    }

    public static List<ObjectNode> flowSchemas() {
        ArrayNode all = array(resourceRule(List.of("*"), List.of("*"), List.of("*"), true), nonResourceRule(List.of("*"), List.of("*")));
        ArrayNode everyone = array(group("system:unauthenticated"), group("system:authenticated"));
        return List.of(
                schema("exempt", 1, "exempt", null, array(group("system:masters")), all),
                schema("probes", 2, "exempt", null, everyone,
                        array(nonResourceRule(List.of("get"), List.of("/healthz", "/readyz", "/livez")))),
                schema("system-leader-election", 100, "leader-election", "ByUser",
                        array(user(CONTROLLER_MANAGER), user(SCHEDULER), serviceAccount("kube-system", "*")),
                        array(resourceRule(WRITE_VERBS, List.of("coordination.k8s.io"), List.of("leases"), false))),
                schema("endpoint-controller", 150, "workload-high", "ByUser",
                        array(user(CONTROLLER_MANAGER), serviceAccount("kube-system", "endpoint-controller"),
                                serviceAccount("kube-system", "endpointslicemirroring-controller")),
                        array(resourceRule(WRITE_VERBS, List.of(""), List.of("endpoints"), false))),
                schema("workload-leader-election", 200, "leader-election", "ByUser", array(serviceAccount("kube-system", "*")),
                        array(resourceRule(WRITE_VERBS, List.of(""), List.of("endpoints", "configmaps"), false),
                                resourceRule(WRITE_VERBS, List.of("coordination.k8s.io"), List.of("leases"), false))),
                schema("system-node-high", 400, "node-high", "ByUser", array(group(NODES)),
                        array(resourceRule(List.of("*"), List.of(""), List.of("nodes", "nodes/status"), true),
                                resourceRule(List.of("*"), List.of("coordination.k8s.io"), List.of("leases"), false))),
                schema("system-nodes", 500, "system", "ByUser", array(group(NODES)), all),
                schema("kube-controller-manager", 800, "workload-high", "ByNamespace", array(user(CONTROLLER_MANAGER)), all),
                schema("kube-scheduler", 800, "workload-high", "ByNamespace", array(user(SCHEDULER)), all),
                schema("kube-system-service-accounts", 900, "workload-high", "ByNamespace", array(serviceAccount("kube-system", "*")), all),
                schema("service-accounts", 9000, "workload-low", "ByUser", array(group("system:serviceaccounts")), all),
                schema("global-default", 9900, "global-default", "ByUser", everyone, all),
                schema("catch-all", 10000, "catch-all", "ByUser", everyone, all));
    }

    /** The Dangling condition kube's configuration controller writes on a flow schema. */
    public static ObjectNode danglingCondition(String level, boolean exists, String now) {
        ObjectNode c = Json.object();
        c.put("type", "Dangling").put("status", exists ? "False" : "True").put("lastTransitionTime", now)
                .put("reason", exists ? "Found" : "NotFound")
                .put("message", "This FlowSchema references the PriorityLevelConfiguration object named \"" + level + "\" and "
                        + (exists ? "it exists" : "there is no such object"));
        return c;
    }

    private static ObjectNode object(String kind, String name) {
        ObjectNode o = Json.object();
        o.put("apiVersion", API_VERSION).put("kind", kind);
        o.putObject("metadata").put("name", name).putObject("annotations").put(AUTO_UPDATE_ANNOTATION, "true");
        return o;
    }

    private static ObjectNode exemptLevel() {
        ObjectNode o = object("PriorityLevelConfiguration", "exempt");
        o.putObject("spec").put("type", "Exempt").putObject("exempt").put("nominalConcurrencyShares", 0).put("lendablePercent", 0);
        return o;
    }

    private static ObjectNode limited(String name, int shares, int lendable, ObjectNode queuing) {
        ObjectNode o = object("PriorityLevelConfiguration", name);
        ObjectNode limited = o.putObject("spec").put("type", "Limited").putObject("limited");
        limited.put("nominalConcurrencyShares", shares).put("lendablePercent", lendable);
        ObjectNode response = limited.putObject("limitResponse");
        if (queuing == null) response.put("type", "Reject");
        else response.put("type", "Queue").set("queuing", queuing);
        return o;
    }

    private static ObjectNode queuing(int queues, int handSize, int queueLengthLimit) {
        return Json.object().put("queues", queues).put("handSize", handSize).put("queueLengthLimit", queueLengthLimit);
    }

    private static ObjectNode schema(String name, int precedence, String level, String distinguisher, ArrayNode subjects, ArrayNode resourceAndNonResource) {
        ObjectNode o = object("FlowSchema", name);
        ObjectNode spec = o.putObject("spec");
        spec.putObject("priorityLevelConfiguration").put("name", level);
        spec.put("matchingPrecedence", precedence);
        if (distinguisher != null) spec.putObject("distinguisherMethod").put("type", distinguisher);
        ObjectNode rule = spec.putArray("rules").addObject();
        rule.set("subjects", subjects);
        ArrayNode resourceRules = Json.MAPPER.createArrayNode();
        ArrayNode nonResourceRules = Json.MAPPER.createArrayNode();
        for (var r : resourceAndNonResource) (r.has("nonResourceURLs") ? nonResourceRules : resourceRules).add(r);
        if (!resourceRules.isEmpty()) rule.set("resourceRules", resourceRules);
        if (!nonResourceRules.isEmpty()) rule.set("nonResourceRules", nonResourceRules);
        return o;
    }

    /** Subjects, or resource and non-resource rules, as one JSON array. */
    private static ArrayNode array(ObjectNode... items) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (ObjectNode item : items) a.add(item);
        return a;
    }

    private static ObjectNode group(String name) {
        ObjectNode s = Json.object().put("kind", "Group");
        s.putObject("group").put("name", name);
        return s;
    }

    private static ObjectNode user(String name) {
        ObjectNode s = Json.object().put("kind", "User");
        s.putObject("user").put("name", name);
        return s;
    }

    private static ObjectNode serviceAccount(String namespace, String name) {
        ObjectNode s = Json.object().put("kind", "ServiceAccount");
        s.putObject("serviceAccount").put("namespace", namespace).put("name", name);
        return s;
    }

    private static ObjectNode resourceRule(List<String> verbs, List<String> groups, List<String> resources, boolean clusterScope) {
        ObjectNode r = Json.object();
        strings(r.putArray("verbs"), verbs);
        strings(r.putArray("apiGroups"), groups);
        strings(r.putArray("resources"), resources);
        if (clusterScope) r.put("clusterScope", true);
        r.putArray("namespaces").add("*");
        return r;
    }

    private static ObjectNode nonResourceRule(List<String> verbs, List<String> urls) {
        ObjectNode r = Json.object();
        strings(r.putArray("verbs"), verbs);
        strings(r.putArray("nonResourceURLs"), urls);
        return r;
    }

    private static void strings(ArrayNode into, List<String> values) {
        values.forEach(into::add);
    }
}
