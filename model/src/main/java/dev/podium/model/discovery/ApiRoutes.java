package dev.podium.model.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.ResourceKind;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static dev.podium.model.discovery.ApiParameter.*;

/** The REST paths and operations of each kind, shared by the OpenAPI v2 and v3 documents. */
final class ApiRoutes {
    record Gvk(String group, String version, String kind) {}

    /** {@code tag} is the group-version of the path, which for a subresource such as scale is not its kind's. */
    record Operation(String method, String action, String operationId, String description, Gvk gvk,
                     List<ApiParameter> parameters, List<Integer> responses, String tag) {
        Operation(String method, String action, String operationId, String description, Gvk gvk,
                  List<ApiParameter> parameters, List<Integer> responses) {
            this(method, action, operationId, description, gvk, parameters, responses, ApiRoutes.tag(gvk.group(), gvk.version()));
        }
    }

    /** A path with its path-level parameters (path segments and pretty) and operations. */
    record Route(String path, List<ApiParameter> parameters, List<Operation> operations) {}

    private static final List<ApiParameter> LIST = List.of(ALLOW_WATCH_BOOKMARKS, CONTINUE, FIELD_SELECTOR, LABEL_SELECTOR,
            LIMIT, RESOURCE_VERSION, RESOURCE_VERSION_MATCH, SEND_INITIAL_EVENTS, TIMEOUT_SECONDS, WATCH);
    private static final List<ApiParameter> WRITE = List.of(DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION);
    private static final List<ApiParameter> PATCH = List.of(DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION, FORCE);
    private static final List<ApiParameter> DELETE = List.of(DRY_RUN, GRACE_PERIOD, IGNORE_STORE_READ_ERROR,
            ORPHAN_DEPENDENTS, PROPAGATION_POLICY);
    private static final List<ApiParameter> DELETE_COLLECTION = List.of(CONTINUE, DRY_RUN, FIELD_SELECTOR, GRACE_PERIOD,
            IGNORE_STORE_READ_ERROR, LABEL_SELECTOR, LIMIT, ORPHAN_DEPENDENTS, PROPAGATION_POLICY, RESOURCE_VERSION,
            RESOURCE_VERSION_MATCH, SEND_INITIAL_EVENTS, TIMEOUT_SECONDS);

    private ApiRoutes() {}

    static List<Route> of(ResourceKind k) {
        String prefix = k.group().isEmpty() ? "/api/" + k.version() : "/apis/" + k.group() + "/" + k.version();
        String gv = operationGroup(k.group()) + validOperationId(k.version(), true);
        String scoped = (k.namespaced() ? "Namespaced" : "") + k.kind();
        Gvk gvk = new Gvk(k.group(), k.version(), k.kind());
        ApiParameter namespace = ApiParameter.path("namespace", "object name and auth scope, such as for teams and projects");
        ApiParameter name = ApiParameter.path("name", "name of the " + k.kind());
        String collection = prefix + (k.namespaced() ? "/namespaces/{namespace}/" : "/") + k.plural();
        List<ApiParameter> collectionParams = k.namespaced() ? List.of(namespace, PRETTY) : List.of(PRETTY);
        List<ApiParameter> itemParams = k.namespaced() ? List.of(name, namespace, PRETTY) : List.of(name, PRETTY);
        String listDescription = "list or watch objects of kind " + k.kind();

        List<String> verbs = k.verbs();
        List<Route> routes = new ArrayList<>();
        if (k.namespaced() && verbs.contains("list")) {
            routes.add(new Route(prefix + "/" + k.plural(), List.of(PRETTY), List.of(new Operation("get", "list",
                    "list" + gv + k.kind() + "ForAllNamespaces", listDescription, gvk, LIST, List.of(200, 401)))));
        }
        List<Operation> collectionOps = new ArrayList<>();
        if (verbs.contains("list")) {
            collectionOps.add(new Operation("get", "list", "list" + gv + scoped, listDescription, gvk, LIST, List.of(200, 401)));
        }
        if (verbs.contains("create")) {
            collectionOps.add(new Operation("post", "post", "create" + gv + scoped, "create a " + k.kind(), gvk, WRITE, List.of(200, 201, 202, 401)));
        }
        if (verbs.contains("deletecollection")) {
            collectionOps.add(new Operation("delete", "deletecollection", "delete" + gv + "Collection" + scoped,
                    "delete collection of " + k.kind(), gvk, DELETE_COLLECTION, List.of(200, 401)));
        }
        if (!collectionOps.isEmpty()) routes.add(new Route(collection, collectionParams, collectionOps));
        List<Operation> itemOps = new ArrayList<>();
        if (verbs.contains("get")) {
            itemOps.add(new Operation("get", "get", "read" + gv + scoped, "read the specified " + k.kind(), gvk, List.of(), List.of(200, 401)));
        }
        if (verbs.contains("update")) {
            itemOps.add(new Operation("put", "put", "replace" + gv + scoped, "replace the specified " + k.kind(), gvk, WRITE, List.of(200, 201, 401)));
        }
        if (verbs.contains("patch")) {
            itemOps.add(new Operation("patch", "patch", "patch" + gv + scoped, "partially update the specified " + k.kind(),
                    gvk, PATCH, List.of(200, 201, 401)));
        }
        if (verbs.contains("delete")) {
            itemOps.add(new Operation("delete", "delete", "delete" + gv + scoped, "delete a " + k.kind(), gvk, DELETE, List.of(200, 202, 401)));
        }
        if (!itemOps.isEmpty()) routes.add(new Route(collection + "/{name}", itemParams, itemOps));
        for (Subresource s : Subresources.of(k)) {
            routes.add(subresourceRoute(k, s, collection + "/{name}/" + s.name(), gv + scoped, itemParams));
        }
        return routes;
    }

    private static Route subresourceRoute(ResourceKind k, Subresource s, String path, String idPart, List<ApiParameter> params) {
        Gvk gvk = new Gvk(Subresources.group(k, s), Subresources.version(k, s), s.kind());
        String id = idPart + validOperationId(s.name(), true);
        String what = s.name() + " of the specified " + k.kind();
        String tag = tag(k.group(), k.version());
        List<Operation> ops = new ArrayList<>();
        for (String verb : List.of("get", "update", "patch", "create")) {
            if (!s.verbs().contains(verb)) continue;
            switch (verb) {
                case "get" -> ops.add(new Operation("get", "get", "read" + id, "read " + what, gvk, List.of(), List.of(200, 401), tag));
                case "update" -> ops.add(new Operation("put", "put", "replace" + id, "replace " + what, gvk, WRITE, List.of(200, 201, 401), tag));
                case "patch" -> ops.add(new Operation("patch", "patch", "patch" + id, "partially update " + what, gvk, PATCH,
                        List.of(200, 201, 401), tag));
                case "create" -> ops.add(new Operation("post", "post", "create" + id, "create " + what, gvk, WRITE, List.of(200, 201, 202, 401), tag));
                default -> throw new AssertionError(verb);
            }
        }
        // Other verbs (connect for pods/exec, pods/log's get with its own options) need their own operations here.
        return new Route(path, params, ops);
    }

    /** The group part of kube's operation ids: "" is Core, rbac.authorization.k8s.io is RbacAuthorization. */
    static String operationGroup(String group) {
        if (group.isEmpty()) return "Core";
        return validOperationId(group.endsWith(".k8s.io") ? group.substring(0, group.length() - ".k8s.io".length()) : group, true);
    }

    /** The tag kube puts on operations, e.g. core_v1, rbacAuthorization_v1. */
    static String tag(String group, String version) {
        String g = group.isEmpty() ? "core" : validOperationId(group.endsWith(".k8s.io")
                ? group.substring(0, group.length() - ".k8s.io".length()) : group, false);
        return g + "_" + validOperationId(version, false);
    }

    /** Port of apiserver's openapi.ToValidOperationID: drops separators and capitalizes what follows. */
    static String validOperationId(String s, boolean capitalizeFirst) {
        StringBuilder sb = new StringBuilder();
        boolean capitalize = capitalizeFirst;
        for (int i = 0; i < s.length(); i++) {
            char r = s.charAt(i);
            if (Character.isLetter(r) || r == '_' || (i != 0 && Character.isDigit(r))) {
                sb.append(capitalize ? Character.toUpperCase(r) : r);
                capitalize = false;
            } else {
                capitalize = true;
            }
        }
        return sb.toString();
    }

    /** A path item: each operation rendered by {@code operation}, the path parameters by {@code parameter}. */
    static ObjectNode pathItem(Route route, Function<Operation, ObjectNode> operation, Function<ApiParameter, ObjectNode> parameter) {
        ObjectNode item = Json.object();
        for (Operation op : route.operations()) item.set(op.method(), operation.apply(op));
        ArrayNode params = item.putArray("parameters");
        route.parameters().forEach(p -> params.add(parameter.apply(p)));
        return item;
    }

    /** The extensions kubectl reads to match an operation to a kind. */
    static void kubernetesExtensions(ObjectNode operation, Operation op) {
        operation.put("x-kubernetes-action", op.action());
        operation.putObject("x-kubernetes-group-version-kind")
                .put("group", op.gvk().group()).put("version", op.gvk().version()).put("kind", op.gvk().kind());
    }
}
