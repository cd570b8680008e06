package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.kinds.KindRules;
import dev.podium.model.validation.Causes;
import dev.podium.model.validation.NameValidation;
import dev.podium.model.validation.Nodes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * core/v1 Event, validated as kube's legacyValidateEvent: lenient for old-style events (no
 * eventTime), stricter for ones that carry an eventTime. involvedObject and type are not checked,
 * as kube does not check them on this API.
 */
public final class EventRules implements KindRules {
    private static final Map<String, Function<JsonNode, String>> FIELD_SELECTORS = fieldSelectorMap();

    private static final int REPORTING_INSTANCE_LIMIT = 128;
    private static final int ACTION_LIMIT = 128;
    private static final int REASON_LIMIT = 128;
    private static final int NOTE_LIMIT = 1024;

    @Override
    public List<Cause> validate(ObjectNode obj) {
        List<Cause> errs = new ArrayList<>();
        String namespace = Nodes.str(obj.get("metadata"), "namespace");
        String involvedNamespace = Nodes.str(obj.get("involvedObject"), "namespace");
        if (Nodes.isEmpty(obj, "eventTime")) {
            boolean ok = involvedNamespace.isEmpty()
                    ? namespace.isEmpty() || namespace.equals("default")
                    : namespace.equals(involvedNamespace);
            if (!ok) errs.add(Cause.invalid("involvedObject.namespace", involvedNamespace, "does not match event.namespace"));
        } else {
            if (involvedNamespace.isEmpty() && !namespace.equals("default") && !namespace.equals("kube-system")) {
                errs.add(Cause.invalid("involvedObject.namespace", involvedNamespace, "does not match event.namespace"));
            }
            String controller = Nodes.str(obj, "reportingComponent");
            if (controller.isEmpty()) errs.add(Cause.required("reportingComponent"));
            errs.addAll(Causes.invalidEach("reportingComponent", controller, NameValidation.qualifiedName(controller)));
            String instance = Nodes.str(obj, "reportingInstance");
            if (instance.isEmpty()) errs.add(Cause.required("reportingInstance"));
            if (instance.length() > REPORTING_INSTANCE_LIMIT) errs.add(Cause.invalid("reportingInstance", "", "can have at most " + REPORTING_INSTANCE_LIMIT + " characters"));
            String action = Nodes.str(obj, "action");
            if (action.isEmpty()) errs.add(Cause.required("action"));
            if (action.length() > ACTION_LIMIT) errs.add(Cause.invalid("action", "", "can have at most " + ACTION_LIMIT + " characters"));
            String reason = Nodes.str(obj, "reason");
            if (reason.isEmpty()) errs.add(Cause.required("reason"));
            if (reason.length() > REASON_LIMIT) errs.add(Cause.invalid("reason", "", "can have at most " + REASON_LIMIT + " characters"));
            if (Nodes.str(obj, "message").length() > NOTE_LIMIT) errs.add(Cause.invalid("message", "", "can have at most " + NOTE_LIMIT + " characters"));
        }
        errs.addAll(Causes.invalidEach("namespace", namespace, NameValidation.dns1123Subdomain(namespace)));
        return errs;
    }

    @Override
    public Map<String, Function<JsonNode, String>> fieldSelectors() {
        return FIELD_SELECTORS;
    }

    private static Map<String, Function<JsonNode, String>> fieldSelectorMap() {
        Map<String, Function<JsonNode, String>> m = new LinkedHashMap<>();
        for (String f : List.of("kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath")) {
            m.put("involvedObject." + f, o -> Nodes.str(o.get("involvedObject"), f));
        }
        m.put("reason", o -> Nodes.str(o, "reason"));
        m.put("reportingComponent", o -> Nodes.str(o, "reportingComponent"));
        m.put("source", o -> {
            String component = Nodes.str(o.get("source"), "component");
            return component.isEmpty() ? Nodes.str(o, "reportingComponent") : component;
        });
        m.put("type", o -> Nodes.str(o, "type"));
        return Map.copyOf(m);
    }
}
