package dev.podium.model.admission.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import dev.podium.model.admission.policy.PolicyCel.Compiled;
import dev.podium.model.admission.policy.PolicyCel.Env;
import dev.podium.model.admission.policy.PolicyCel.Kind;
import dev.podium.model.validation.Nodes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The expressions of a ValidatingAdmissionPolicy spec, each compiled once in the environment kube gives it:
 * matchConditions without variables, each variable with the variables before it, validations, messageExpressions
 * and auditAnnotations with all of them; params only with a paramKind. Both validation of the policy and admission
 * use this, so they agree on what compiles. Cached by the spec's JSON.
 */
record CompiledPolicy(boolean hasParams, List<Condition> matchConditions, List<Variable> variables,
                      List<Validation> validations, List<AuditAnnotation> auditAnnotations) {
    private static final Map<String, CompiledPolicy> CACHE = new ConcurrentHashMap<>();

    record Condition(String name, String expression, Compiled compiled) {}

    record Variable(String name, String expression, Compiled compiled) {}

    /** {@code messageCompiled} is null without a (non-blank) messageExpression; {@code reason} null when unset. */
    record Validation(String expression, Compiled compiled, String message, String messageExpression,
                      Compiled messageCompiled, String reason) {}

    record AuditAnnotation(String key, String valueExpression, Compiled compiled) {}

    static CompiledPolicy of(JsonNode spec) {
        String key = spec == null ? "null" : spec.toString();
        CompiledPolicy hit = CACHE.get(key);
        if (hit != null) return hit;
        if (CACHE.size() >= 1_000) CACHE.clear();
        return CACHE.computeIfAbsent(key, k -> compile(spec));
    }

    private static CompiledPolicy compile(JsonNode spec) {
        boolean params = Nodes.obj(spec, "paramKind") != null;
        List<Condition> conditions = new ArrayList<>();
        for (JsonNode c : Nodes.objects(spec, "matchConditions")) {
            String expression = Nodes.str(c, "expression").strip();
            conditions.add(new Condition(Nodes.str(c, "name"), expression, PolicyCel.compile(expression, Kind.CONDITION, new Env(params, null))));
        }
        List<Variable> variables = new ArrayList<>();
        Map<String, CelType> declared = Nodes.objects(spec, "variables").isEmpty() ? null : new LinkedHashMap<>();
        for (JsonNode v : Nodes.objects(spec, "variables")) {
            String name = Nodes.str(v, "name");
            String expression = Nodes.str(v, "expression");
            Compiled compiled = PolicyCel.compile(expression, Kind.VARIABLE, new Env(params, declared));
            variables.add(new Variable(name, expression, compiled));
            declared.put(name, compiled.type() == null ? SimpleType.DYN : compiled.type());
        }
        Env all = new Env(params, declared);
        List<Validation> validations = new ArrayList<>();
        for (JsonNode v : Nodes.objects(spec, "validations")) {
            String expression = Nodes.str(v, "expression");
            String messageExpression = Nodes.str(v, "messageExpression");
            Compiled message = messageExpression.isBlank() ? null : PolicyCel.compile(messageExpression, Kind.MESSAGE, all);
            validations.add(new Validation(expression, PolicyCel.compile(expression, Kind.CONDITION, all), Nodes.str(v, "message"),
                    messageExpression, message, Nodes.text(v, "reason")));
        }
        List<AuditAnnotation> annotations = new ArrayList<>();
        for (JsonNode a : Nodes.objects(spec, "auditAnnotations")) {
            String expression = Nodes.str(a, "valueExpression").strip();
            annotations.add(new AuditAnnotation(Nodes.str(a, "key"), expression, PolicyCel.compile(expression, Kind.AUDIT_ANNOTATION, all)));
        }
        return new CompiledPolicy(params, List.copyOf(conditions), List.copyOf(variables), List.copyOf(validations), List.copyOf(annotations));
    }
}
