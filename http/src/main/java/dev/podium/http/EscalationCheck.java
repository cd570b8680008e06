package dev.podium.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.ApiError;
import dev.podium.model.api.ApiException;
import dev.podium.model.rbac.AuthorizationAttributes;
import dev.podium.model.rbac.RbacAuthorizer;
import dev.podium.model.rbac.RbacObjects;
import dev.podium.model.rbac.RuleCoverage;
import dev.podium.model.rbac.UserInfo;
import dev.podium.persistence.watch.CachedObject;
import dev.podium.persistence.watch.WatchCache;
import org.apache.pekko.http.javadsl.model.HttpMethods;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * kube's RBAC escalation prevention, on a secure API: a user may write a Role or ClusterRole only
 * with rules it holds itself (or the {@code escalate} verb on it), and bind a role only if it
 * holds the role's rules (or the {@code bind} verb on it); an aggregationRule needs full
 * authority. A binding's patch is judged by its stored roleRef, which cannot change; a role's
 * patch, whose outcome is only known inside its entity, needs {@code escalate}.
 */
final class EscalationCheck {
    private final RbacObjects rbac;
    private final WatchCache cache;

    EscalationCheck(RbacObjects rbac, WatchCache cache) {
        this.rbac = rbac;
        this.cache = cache;
    }

    static boolean applies(ApiRequest req) {
        var m = req.http().method();
        return req.kind().group().equals(RbacAuthorizer.GROUP) && req.path().subresource() == null
                && (m == HttpMethods.POST || m == HttpMethods.PUT || m == HttpMethods.PATCH);
    }

    /** Throws the 403 kube would answer when the write would grant more than {@code user} holds. */
    void check(ApiRequest req, UserInfo user) {
        if (user.groups().contains(UserInfo.MASTERS)) return;
        String namespace = req.kind().namespaced() ? req.namespace() : "";
        boolean patch = req.http().method() == HttpMethods.PATCH;
        ObjectNode object = patch ? current(req) : Bodies.object(req);
        String name = object.path("metadata").path("name").asText(req.path().name() == null ? "" : req.path().name());
        boolean role = req.kind().kind().endsWith("Role");
        if (role) {
            if (allowed(user, "escalate", req.kind().plural(), namespace, name)) return;
            if (patch) throw forbidden(req, name, "user \"" + user.name() + "\" may only patch " + req.kind().plural() + " with the escalate verb on them");
            if (object.path("aggregationRule").isObject()) {
                List<ObjectNode> all = RuleCoverage.uncovered(RbacAuthorizer.rulesFor(rbac, user, namespace), List.of(everything()));
                if (!all.isEmpty()) throw forbidden(req, name, "must have cluster-admin privileges to use the aggregationRule");
            }
            List<JsonNode> rules = new ArrayList<>();
            object.path("rules").forEach(rules::add);
            refuseUncovered(req, name, user, namespace, rules);
            return;
        }
        JsonNode ref = object.path("roleRef");
        String refKind = ref.path("kind").asText();
        String refName = ref.path("name").asText();
        String refNamespace = refKind.equals("Role") ? namespace : "";
        if (allowed(user, "bind", refKind.equals("Role") ? "roles" : "clusterroles", refNamespace, refName)) return;
        List<JsonNode> granted = refKind.equals("Role")
                ? rbac.role(namespace, refName).map(r -> list(r.path("rules"))).orElse(List.of())
                : rbac.clusterRoleRules(refName);
        refuseUncovered(req, name, user, namespace, granted);
    }

    private void refuseUncovered(ApiRequest req, String name, UserInfo user, String namespace, List<JsonNode> granted) {
        List<JsonNode> held = new ArrayList<>(RbacAuthorizer.rulesFor(rbac, user, namespace));
        List<ObjectNode> missing = RuleCoverage.uncovered(held, granted);
        if (missing.isEmpty()) return;
        String groups = user.groups().stream().map(g -> "\"" + g + "\"").collect(Collectors.joining(" "));
        throw forbidden(req, name, "user \"" + user.name() + "\" (groups=[" + groups + "]) is attempting to grant RBAC permissions not currently held:\n"
                + missing.stream().map(RuleCoverage::describe).collect(Collectors.joining("\n")));
    }

    private boolean allowed(UserInfo user, String verb, String resource, String namespace, String name) {
        return RbacAuthorizer.authorize(rbac, user, AuthorizationAttributes.resource(verb, RbacAuthorizer.GROUP, resource, "", namespace, name)).allowed();
    }

    private ObjectNode current(ApiRequest req) {
        return cache.get(req.kind().entityTypeName(), req.key()).map(CachedObject::object)
                .orElseThrow(() -> new ApiException(ApiError.notFound(req.kind().group(), req.kind().plural(), req.path().name())));
    }

    private static ApiException forbidden(ApiRequest req, String name, String why) {
        return new ApiException(ApiError.forbidden(req.kind().group(), req.kind().plural(), name, why));
    }

    private static ObjectNode everything() {
        ObjectNode all = dev.podium.model.json.Json.object();
        all.putArray("verbs").add("*");
        all.putArray("apiGroups").add("*");
        all.putArray("resources").add("*");
        return all;
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
