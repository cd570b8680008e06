package dev.podium.model.admission.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.ApiException;
import dev.podium.model.selectors.LabelSelector;
import dev.podium.model.validation.Nodes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * kube's CollectParams: the params a binding evaluates its policy with. No paramKind, or no paramRef, is one
 * evaluation with null params; otherwise the object named, or every object selected, in the paramRef's namespace
 * (the request's when unset). None found is no evaluation, or an error with parameterNotFoundAction Deny.
 * Params without apiVersion and kind get the paramKind's, as kube wraps typed params.
 */
final class ParamCollection {
    private ParamCollection() {}

    /** Params could not be collected: kube's configuration error of the binding. */
    static final class ParamError extends Exception {
        ParamError(String message) {
            super(message, null, false, false);
        }
    }

    static List<ObjectNode> collect(JsonNode paramKind, ParamSource.Scope scope, JsonNode paramRef, String namespace, ParamSource source)
            throws ParamError {
        if (paramKind == null || paramRef == null) return Collections.singletonList(null);
        String apiVersion = Nodes.str(paramKind, "apiVersion");
        String kind = Nodes.str(paramKind, "kind");
        String refNamespace = Nodes.str(paramRef, "namespace");
        String listNamespace = null;
        if (scope == ParamSource.Scope.NAMESPACED) {
            listNamespace = refNamespace.isEmpty() ? namespace : refNamespace;
            if (listNamespace.isEmpty()) {
                throw new ParamError("cannot use namespaced paramRef in policy binding that matches cluster-scoped resources");
            }
        } else if (!refNamespace.isEmpty()) {
            throw new ParamError("paramRef.namespace must not be provided for a cluster-scoped `paramKind`");
        }
        String name = Nodes.str(paramRef, "name");
        JsonNode selector = paramRef.get("selector");
        boolean hasSelector = selector != null && !selector.isNull();
        List<ObjectNode> params = new ArrayList<>();
        if (!name.isEmpty()) {
            if (hasSelector) throw new ParamError("paramRef.name and paramRef.selector are mutually exclusive");
            for (ObjectNode o : source.list(apiVersion, kind, listNamespace)) {
                if (name.equals(o.path("metadata").path("name").asText())) params.add(o);
            }
        } else if (hasSelector) {
            LabelSelector parsed;
            try {
                parsed = LabelSelector.fromObject(selector);
            } catch (ApiException e) {
                throw new ParamError(e.error().message());
            }
            for (ObjectNode o : source.list(apiVersion, kind, listNamespace)) if (parsed.matchesObject(o)) params.add(o);
        } else {
            throw new ParamError("one of name or selector must be provided");
        }
        if (params.isEmpty() && "Deny".equals(Nodes.text(paramRef, "parameterNotFoundAction"))) {
            throw new ParamError("no params found for policy binding with `Deny` parameterNotFoundAction");
        }
        List<ObjectNode> typed = new ArrayList<>(params.size());
        for (ObjectNode p : params) typed.add(withTypeMeta(p, apiVersion, kind));
        return typed;
    }

    private static ObjectNode withTypeMeta(ObjectNode param, String apiVersion, String kind) {
        if (!Nodes.str(param, "apiVersion").isEmpty() && !Nodes.str(param, "kind").isEmpty()) return param;
        ObjectNode copy = param.deepCopy();
        copy.put("apiVersion", apiVersion);
        copy.put("kind", kind);
        return copy;
    }
}
