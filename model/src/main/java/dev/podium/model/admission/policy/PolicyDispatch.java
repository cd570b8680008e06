package dev.podium.model.admission.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.validation.Nodes;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One policy and its bindings for one request, as kube's dispatcher: the policy's matchConstraints and paramKind,
 * then per binding its matchResources, params and validations. Configuration errors (a paramKind not served,
 * params not found with Deny, ...) deny under failurePolicy Fail whatever the binding's validationActions; failed
 * validations and evaluation errors are denied, warned or audited as the binding's validationActions say.
 */
final class PolicyDispatch {
    private final String policyName;
    private final JsonNode spec;
    private final boolean failClosed;
    private final ParamSource params;
    private final PolicyRequest request;
    private final List<PolicyOutcome> outcomes;
    private final Map<String, Set<String>> annotations = new LinkedHashMap<>();

    PolicyDispatch(ObjectNode policy, ParamSource params, PolicyRequest request, List<PolicyOutcome> outcomes) {
        this.policyName = PolicyDecisions.name(policy);
        this.spec = policy.path("spec");
        this.failClosed = !"Ignore".equals(Nodes.text(spec, "failurePolicy"));
        this.params = params;
        this.request = request;
        this.outcomes = outcomes;
    }

    void run(List<ObjectNode> bindings) {
        JsonNode constraints = Nodes.obj(spec, "matchConstraints");
        if (constraints == null) {
            configError(null, "failed to configure policy: policy contained no match constraints, a required field");
            return;
        }
        try {
            if (!RequestMatching.matches(constraints, request)) return;
        } catch (RequestMatching.MatchError e) {
            configError(null, "failed to configure policy: " + e.getMessage());
            return;
        }
        JsonNode paramKind = Nodes.obj(spec, "paramKind");
        ParamSource.Scope scope = null;
        if (paramKind != null) {
            Optional<ParamSource.Scope> served = params.scope(Nodes.str(paramKind, "apiVersion"), Nodes.str(paramKind, "kind"));
            if (served.isEmpty()) {
                configError(null, "failed to configure policy: failed to find resource referenced by paramKind: '" + gvk(paramKind) + "'");
                return;
            }
            scope = served.get();
        }
        CompiledPolicy compiled = CompiledPolicy.of(spec);
        for (ObjectNode binding : bindings) bind(binding, compiled, paramKind, scope);
        annotations.forEach((key, values) -> outcomes.add(new PolicyOutcome.AuditAnnotation(policyName, policyName + "/" + key, String.join(", ", values))));
    }

    private void bind(ObjectNode binding, CompiledPolicy compiled, JsonNode paramKind, ParamSource.Scope scope) {
        String bindingName = PolicyDecisions.name(binding);
        JsonNode bspec = binding.path("spec");
        List<ObjectNode> paramObjects;
        try {
            JsonNode match = Nodes.obj(bspec, "matchResources");
            if (match != null && !RequestMatching.matches(match, request)) return;
            paramObjects = ParamCollection.collect(paramKind, scope, Nodes.obj(bspec, "paramRef"), request.namespace(), params);
        } catch (RequestMatching.MatchError | ParamCollection.ParamError e) {
            configError(bindingName, "failed to configure binding: " + e.getMessage());
            return;
        }
        List<String> actions = Nodes.strings(bspec, "validationActions");
        for (ObjectNode param : paramObjects) {
            BindingEvaluation.Result result = BindingEvaluation.evaluate(compiled, failClosed, request, param);
            for (BindingEvaluation.Failure failure : result.failures()) act(bindingName, actions, failure);
            for (BindingEvaluation.Annotation a : result.annotations()) {
                if (a.error() != null) deny(bindingName, a.error(), "");
                else annotations.computeIfAbsent(a.key(), k -> new LinkedHashSet<>()).add(PolicyDecisions.truncate(a.value()));
            }
        }
    }

    private void act(String bindingName, List<String> actions, BindingEvaluation.Failure failure) {
        for (String action : actions) {
            switch (action) {
                case "Deny" -> deny(bindingName, failure.message(), failure.reason());
                case "Warn" -> outcomes.add(new PolicyOutcome.Warn(policyName, bindingName, "Validation failed for ValidatingAdmissionPolicy '"
                        + policyName + "' with binding '" + bindingName + "': " + failure.message()));
                case "Audit" -> outcomes.add(new PolicyOutcome.Audit(policyName, bindingName, failure.message(), failure.index(), actions,
                        PolicyDecisions.VALIDATION_FAILURE, PolicyDecisions.validationFailure(failure.message(), policyName, bindingName,
                        failure.index(), actions)));
                default -> { }
            }
        }
    }

    private void configError(String bindingName, String message) {
        if (failClosed) deny(bindingName, message, "");
    }

    private void deny(String bindingName, String message, String reason) {
        String full = bindingName == null
                ? "ValidatingAdmissionPolicy '" + policyName + "' denied request: " + message
                : "ValidatingAdmissionPolicy '" + policyName + "' with binding '" + bindingName + "' denied request: " + message;
        outcomes.add(new PolicyOutcome.Deny(policyName, bindingName, full, PolicyDecisions.forbidden(request, full, reason)));
    }

    /** schema.GroupVersionKind's String(): {@code example.com/v1, Kind=Params}, {@code /v1, Kind=ConfigMap}. */
    private static String gvk(JsonNode paramKind) {
        String apiVersion = Nodes.str(paramKind, "apiVersion");
        String groupVersion = apiVersion.contains("/") ? apiVersion : "/" + apiVersion;
        return groupVersion + ", Kind=" + Nodes.str(paramKind, "kind");
    }
}
