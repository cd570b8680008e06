package dev.podium.model.admission.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.ApiError;
import dev.podium.model.api.Cause;
import dev.podium.model.json.Json;
import dev.podium.model.validation.Nodes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The decisions of every ValidatingAdmissionPolicy bound to a request, in kube's order within a policy: policies by
 * name (kube's order is a map's), then their bindings by name, each binding's params in the order the source lists
 * them. A request is refused by its first {@link PolicyOutcome.Deny}; warnings and audit entries are all kept.
 */
public record PolicyDecisions(List<PolicyOutcome> outcomes) {
    static final String VALIDATION_FAILURE = "validation.policy.admission.k8s.io/validation_failure";
    private static final int MAX_ANNOTATION_VALUE = 10 * 1024;

    public PolicyDecisions {
        outcomes = List.copyOf(outcomes);
    }

    /**
     * Evaluates {@code policies} (ValidatingAdmissionPolicy objects, defaulted) through {@code bindings}
     * (ValidatingAdmissionPolicyBinding objects): a policy without a binding is not evaluated, nor is a binding whose
     * policy is missing. Writes of policies and bindings themselves are never checked, as in kube.
     */
    public static PolicyDecisions evaluate(List<ObjectNode> policies, List<ObjectNode> bindings, ParamSource params, PolicyRequest request) {
        if (isPolicyResource(request)) return new PolicyDecisions(List.of());
        Map<String, List<ObjectNode>> bound = new TreeMap<>();
        for (ObjectNode b : bindings.stream().sorted(Comparator.comparing(PolicyDecisions::name)).toList()) {
            bound.computeIfAbsent(Nodes.str(b.path("spec"), "policyName"), k -> new ArrayList<>()).add(b);
        }
        Map<String, ObjectNode> byName = new LinkedHashMap<>();
        for (ObjectNode p : policies) byName.put(name(p), p);
        List<PolicyOutcome> outcomes = new ArrayList<>();
        bound.forEach((policyName, policyBindings) -> {
            ObjectNode policy = byName.get(policyName);
            if (policy != null) new PolicyDispatch(policy, params, request, outcomes).run(policyBindings);
        });
        return new PolicyDecisions(outcomes);
    }

    /** The Status of the refusal: kube's answer is the first denial's. */
    public Optional<ApiError> denial() {
        return outcomes.stream().filter(o -> o instanceof PolicyOutcome.Deny).map(o -> ((PolicyOutcome.Deny) o).error()).findFirst();
    }

    public List<String> warnings() {
        return outcomes.stream().filter(o -> o instanceof PolicyOutcome.Warn).map(o -> ((PolicyOutcome.Warn) o).warning()).toList();
    }

    /** The audit annotations to add to the request's audit event; the first value of a key wins, as in kube. */
    public Map<String, String> auditAnnotations() {
        Map<String, String> out = new LinkedHashMap<>();
        for (PolicyOutcome o : outcomes) {
            if (o instanceof PolicyOutcome.Audit a) out.putIfAbsent(a.annotationKey(), a.annotationValue());
            if (o instanceof PolicyOutcome.AuditAnnotation a) out.putIfAbsent(a.key(), a.value());
        }
        return out;
    }

    static boolean isPolicyResource(PolicyRequest request) {
        return request.group().equals("admissionregistration.k8s.io") && List.of("validatingadmissionpolicies",
                "validatingadmissionpolicybindings", "mutatingadmissionpolicies", "mutatingadmissionpolicybindings").contains(request.resource());
    }

    static String name(JsonNode obj) {
        return Nodes.str(obj.path("metadata"), "name");
    }

    /** kube's admission.NewForbidden with the policy's reason and code, and the message as the one cause. */
    static ApiError forbidden(PolicyRequest request, String message, String reason) {
        String name = "Unknown";
        if (request.object() != null) {
            JsonNode meta = request.object().path("metadata");
            if (!Nodes.str(meta, "name").isEmpty()) name = Nodes.str(meta, "name");
            else if (!Nodes.str(meta, "generateName").isEmpty()) name = Nodes.str(meta, "generateName");
        }
        String r = reason == null || reason.isEmpty() ? "Invalid" : reason;
        int code = switch (r) {
            case "Forbidden" -> 403;
            case "Unauthorized" -> 401;
            case "RequestEntityTooLarge" -> 413;
            default -> 422;
        };
        return new ApiError(code, r, request.groupResource() + " \"" + name + "\" is forbidden: " + message,
                new ApiError.Details(request.group(), request.resource(), name, List.of(new Cause(null, null, message))));
    }

    static String validationFailure(String message, String policy, String binding, int index, List<String> actions) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        ObjectNode entry = list.addObject();
        entry.put("message", message);
        entry.put("policy", policy);
        entry.put("binding", binding);
        entry.put("expressionIndex", index);
        actions.forEach(entry.putArray("validationActions")::add);
        return list.toString();
    }

    static String truncate(String value) {
        return value.length() > MAX_ANNOTATION_VALUE ? value.substring(0, MAX_ANNOTATION_VALUE) : value;
    }
}
