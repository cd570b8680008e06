package dev.podium.model.admission.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.admission.policy.BindingEvaluation.Outcome;
import dev.podium.model.api.Cause;
import dev.podium.model.json.Json;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * matchConditions as kube's matchconditions.Matcher evaluates them, for policies and for admission webhooks: any
 * false means no match (the first one in order is named), else any error is an error (several joined as Go's aggregate
 * error), else a match. A webhook's conditions are compiled as a policy's without paramKind: {@code object},
 * {@code oldObject}, {@code request} and {@code namespaceObject} (null, since kube gives webhooks no namespace), no
 * {@code params}, and no {@code authorizer}, which Podium does not offer.
 */
public final class MatchConditions {
    private MatchConditions() {}

    public sealed interface Result permits Matched, NotMatched, Errored {}

    public record Matched() implements Result {}

    /** The first condition (in order) that evaluated to false. */
    public record NotMatched(String condition) implements Result {}

    /** Why the conditions could not be decided: the failure policy decides what happens. */
    public record Errored(String message) implements Result {}

    /** kube's validation of a webhook's matchConditions ({@code conditions} is the array, or null when unset). */
    public static List<Cause> compileErrors(JsonNode conditions, String path) {
        if (conditions == null || !conditions.isArray() || conditions.isEmpty()) return List.of();
        ObjectNode spec = asSpec(conditions);
        return PolicyExpressionValidation.matchConditions(spec, CompiledPolicy.of(spec), path);
    }

    /** A webhook's matchConditions against a request (whose namespaceObject is ignored, as kube's webhooks get none). */
    public static Result evaluate(JsonNode conditions, PolicyRequest request) {
        if (conditions == null || !conditions.isArray() || conditions.isEmpty()) return new Matched();
        CompiledPolicy compiled = CompiledPolicy.of(asSpec(conditions));
        PolicyRequest withoutNamespace = new PolicyRequest(request.operation(), request.group(), request.version(), request.resource(),
                request.subResource(), request.kind(), request.name(), request.namespace(), request.object(), request.oldObject(),
                null, request.dryRun(), request.userInfo());
        return evaluate(compiled.matchConditions(), PolicyActivation.of(withoutNamespace, null, compiled));
    }

    static Result evaluate(List<CompiledPolicy.Condition> conditions, Map<String, Object> activation) {
        Set<String> errors = new LinkedHashSet<>();
        for (CompiledPolicy.Condition condition : conditions) {
            Outcome outcome = BindingEvaluation.run(condition.compiled(), condition.expression(), activation);
            if (outcome instanceof BindingEvaluation.Error e) errors.add(e.message());
            else if (Boolean.FALSE.equals(((BindingEvaluation.Value) outcome).value())) return new NotMatched(condition.name());
        }
        if (errors.isEmpty()) return new Matched();
        return new Errored(errors.size() == 1 ? errors.iterator().next() : "[" + String.join(", ", errors) + "]");
    }

    private static ObjectNode asSpec(JsonNode conditions) {
        ObjectNode spec = Json.object();
        spec.set("matchConditions", conditions);
        return spec;
    }
}
