package dev.podium.model.rbac;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.util.ArrayList;
import java.util.List;

/**
 * The ClusterRoles and ClusterRoleBindings every cluster starts with (kube's bootstrap policy, for
 * the resources Podium serves): cluster-admin; the user-facing admin, edit and view, which
 * aggregate the {@code system:aggregate-to-*} roles so that a CRD's author can extend them by
 * label; the discovery, basic-user, public-info and monitoring roles with kube's bindings.
 */
public final class RbacDefaults {
    private static final List<String> READ = List.of("get", "list", "watch");
    private static final List<String> WRITE = List.of("create", "delete", "deletecollection", "patch", "update");
    private static final String AGGREGATE = "rbac.authorization.k8s.io/aggregate-to-";

    private RbacDefaults() {}

    public static List<ObjectNode> clusterRoles() {
        List<ObjectNode> roles = new ArrayList<>();
        roles.add(role("cluster-admin", rules(resourceRule(List.of("*"), List.of("*"), List.of("*")), urlRule(List.of("*"), List.of("*")))));
        for (String level : List.of("admin", "edit", "view")) {
            ObjectNode r = role(level, Json.MAPPER.createArrayNode());
            r.with("aggregationRule").putArray("clusterRoleSelectors").addObject().putObject("matchLabels").put(AGGREGATE + level, "true");
            if (!level.equals("admin")) labels(r).put(AGGREGATE + (level.equals("edit") ? "admin" : "edit"), "true");
            roles.add(r);
        }
        roles.add(aggregating("system:aggregate-to-view", List.of("view", "edit", "admin"), viewRules()));
        roles.add(aggregating("system:aggregate-to-edit", List.of("edit", "admin"), editRules()));
        roles.add(aggregating("system:aggregate-to-admin", List.of("admin"), rules(
                resourceRule(List.of("authorization.k8s.io"), List.of("localsubjectaccessreviews"), List.of("create")),
                resourceRule(List.of(RbacAuthorizer.GROUP), List.of("rolebindings", "roles"), concat(WRITE, READ)))));
        roles.add(role("system:basic-user", rules(
                resourceRule(List.of("authorization.k8s.io"), List.of("selfsubjectaccessreviews", "selfsubjectrulesreviews"), List.of("create")),
                resourceRule(List.of("authentication.k8s.io"), List.of("selfsubjectreviews"), List.of("create")))));
        roles.add(role("system:discovery", rules(urlRule(List.of("/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi",
                "/openapi/*", "/readyz", "/version", "/version/"), List.of("get")))));
        roles.add(role("system:public-info-viewer", rules(urlRule(List.of("/healthz", "/livez", "/readyz", "/version", "/version/"), List.of("get")))));
        roles.add(role("system:monitoring", rules(urlRule(List.of("/healthz", "/healthz/*", "/livez", "/livez/*", "/metrics", "/readyz", "/readyz/*"),
                List.of("get")))));
        roles.add(role("system:auth-delegator", rules(
                resourceRule(List.of("authentication.k8s.io"), List.of("tokenreviews"), List.of("create")),
                resourceRule(List.of("authorization.k8s.io"), List.of("subjectaccessreviews"), List.of("create")))));
        return roles;
    }

    public static List<ObjectNode> clusterRoleBindings() {
        return List.of(
                binding("cluster-admin", UserInfo.MASTERS),
                binding("system:basic-user", UserInfo.AUTHENTICATED),
                binding("system:discovery", UserInfo.AUTHENTICATED),
                binding("system:public-info-viewer", UserInfo.AUTHENTICATED, UserInfo.UNAUTHENTICATED),
                binding("system:monitoring", "system:monitoring"));
    }

    private static ArrayNode viewRules() {
        return rules(
                resourceRule(List.of(""), List.of("configmaps", "endpoints", "persistentvolumeclaims", "persistentvolumeclaims/status", "pods",
                        "replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts", "services", "services/status"), READ),
                resourceRule(List.of(""), List.of("bindings", "events", "limitranges", "namespaces/status", "pods/log", "pods/status",
                        "replicationcontrollers/status", "resourcequotas", "resourcequotas/status"), READ),
                resourceRule(List.of(""), List.of("namespaces"), READ),
                resourceRule(List.of("discovery.k8s.io"), List.of("endpointslices"), READ),
                resourceRule(List.of("apps"), List.of("controllerrevisions", "daemonsets", "daemonsets/status", "deployments", "deployments/scale",
                        "deployments/status", "replicasets", "replicasets/scale", "replicasets/status", "statefulsets", "statefulsets/scale",
                        "statefulsets/status"), READ),
                resourceRule(List.of("autoscaling"), List.of("horizontalpodautoscalers", "horizontalpodautoscalers/status"), READ),
                resourceRule(List.of("batch"), List.of("cronjobs", "cronjobs/status", "jobs", "jobs/status"), READ),
                resourceRule(List.of("policy"), List.of("poddisruptionbudgets", "poddisruptionbudgets/status"), READ),
                resourceRule(List.of("networking.k8s.io"), List.of("ingresses", "ingresses/status", "networkpolicies"), READ));
    }

    private static ArrayNode editRules() {
        return rules(
                resourceRule(List.of(""), List.of("pods/attach", "pods/exec", "pods/portforward", "pods/proxy", "secrets", "services/proxy"), READ),
                resourceRule(List.of(""), List.of("serviceaccounts"), List.of("impersonate")),
                resourceRule(List.of(""), List.of("pods", "pods/attach", "pods/exec", "pods/portforward", "pods/proxy"), WRITE),
                resourceRule(List.of(""), List.of("pods/eviction"), List.of("create")),
                resourceRule(List.of(""), List.of("configmaps", "endpoints", "events", "persistentvolumeclaims", "replicationcontrollers",
                        "replicationcontrollers/scale", "secrets", "serviceaccounts", "services", "services/proxy"), WRITE),
                resourceRule(List.of(""), List.of("serviceaccounts/token"), List.of("create")),
                resourceRule(List.of("apps"), List.of("daemonsets", "deployments", "deployments/rollback", "deployments/scale", "replicasets",
                        "replicasets/scale", "statefulsets", "statefulsets/scale"), WRITE),
                resourceRule(List.of("autoscaling"), List.of("horizontalpodautoscalers"), WRITE),
                resourceRule(List.of("batch"), List.of("cronjobs", "jobs"), WRITE),
                resourceRule(List.of("discovery.k8s.io"), List.of("endpointslices"), WRITE),
                resourceRule(List.of("policy"), List.of("poddisruptionbudgets"), WRITE),
                resourceRule(List.of("networking.k8s.io"), List.of("ingresses", "networkpolicies"), WRITE));
    }

    private static ObjectNode aggregating(String name, List<String> into, ArrayNode rules) {
        ObjectNode r = role(name, rules);
        for (String level : into) labels(r).put(AGGREGATE + level, "true");
        return r;
    }

    private static ObjectNode role(String name, ArrayNode rules) {
        ObjectNode r = Json.object();
        r.put("apiVersion", RbacAuthorizer.GROUP + "/v1").put("kind", "ClusterRole");
        ObjectNode meta = r.putObject("metadata").put("name", name);
        meta.putObject("labels").put("kubernetes.io/bootstrapping", "rbac-defaults");
        meta.putObject("annotations").put("rbac.authorization.kubernetes.io/autoupdate", "true");
        r.set("rules", rules);
        return r;
    }

    private static ObjectNode binding(String role, String... groups) {
        ObjectNode b = Json.object();
        b.put("apiVersion", RbacAuthorizer.GROUP + "/v1").put("kind", "ClusterRoleBinding");
        ObjectNode meta = b.putObject("metadata").put("name", role);
        meta.putObject("labels").put("kubernetes.io/bootstrapping", "rbac-defaults");
        meta.putObject("annotations").put("rbac.authorization.kubernetes.io/autoupdate", "true");
        b.putObject("roleRef").put("apiGroup", RbacAuthorizer.GROUP).put("kind", "ClusterRole").put("name", role);
        ArrayNode subjects = b.putArray("subjects");
        for (String g : groups) subjects.addObject().put("apiGroup", RbacAuthorizer.GROUP).put("kind", "Group").put("name", g);
        return b;
    }

    private static ObjectNode labels(ObjectNode role) {
        return role.with("metadata").with("labels");
    }

    private static ArrayNode rules(ObjectNode... rules) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (ObjectNode r : rules) a.add(r);
        return a;
    }

    private static ObjectNode resourceRule(List<String> groups, List<String> resources, List<String> verbs) {
        ObjectNode r = Json.object();
        groups.forEach(r.putArray("apiGroups")::add);
        resources.forEach(r.putArray("resources")::add);
        verbs.forEach(r.putArray("verbs")::add);
        return r;
    }

    private static ObjectNode urlRule(List<String> urls, List<String> verbs) {
        ObjectNode r = Json.object();
        urls.forEach(r.putArray("nonResourceURLs")::add);
        verbs.forEach(r.putArray("verbs")::add);
        return r;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
