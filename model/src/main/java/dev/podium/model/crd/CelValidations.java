package dev.podium.model.crd;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.runtime.CelEvaluationException;
import dev.podium.model.api.Cause;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CustomResourceDefinition {@code x-kubernetes-validations} rules, evaluated with Google's cel-java as kube does
 * (k8s.io/apiextensions-apiserver/pkg/apiserver/schema/cel): {@code self} is the value at the rule's schema node,
 * {@code oldSelf} its value in the stored object on update.
 */
public final class CelValidations {
    private CelValidations() {}

    /**
     * Evaluates the x-kubernetes-validations array {@code rules} (each {rule, message?, messageExpression?, reason?,
     * fieldPath?, optionalOldSelf?}) against {@code self} (the JSON value at fieldPath) and {@code oldSelf} (null on
     * create or when the old object has no value there). Transition rules (those that reference oldSelf) are skipped
     * when oldSelf is null, as kube does (unless optionalOldSelf). Returns kube's causes.
     */
    public static List<Cause> evaluate(JsonNode rules, JsonNode self, JsonNode oldSelf, String fieldPath) {
        if (rules == null || !rules.isArray() || rules.isEmpty() || absent(self)) return List.of();
        String path = fieldPath == null ? "" : fieldPath;
        String typeName = JsonToCel.typeName(self);
        Object selfValue = JsonToCel.value(self);
        Object oldValue = absent(oldSelf) ? null : JsonToCel.value(oldSelf);
        List<Cause> causes = new ArrayList<>();
        for (JsonNode node : rules) {
            CelRule rule = CelRule.of(node);
            if (rule.rule().isBlank()) continue;
            CelCompilation compiled = CelEnvironment.rule(rule.rule(), rule.usesOptionalOldSelf());
            if (compiled.failed()) {
                causes.add(Cause.invalid(path, typeName, "rule compile error: " + compiled.error()));
                continue;
            }
            if (compiled.usesOldSelf() && oldValue == null && !rule.usesOptionalOldSelf()) continue;
            Map<String, Object> activation = activation(selfValue, oldValue, rule.usesOptionalOldSelf());
            Object result;
            try {
                result = compiled.program().eval(activation);
            } catch (CelEvaluationException e) {
                causes.add(Cause.invalid(path, typeName, CelEvaluationErrors.detail(e, rule)));
                continue;
            }
            if (Boolean.TRUE.equals(result)) continue;
            causes.add(CelRuleFailures.cause(rule, CelRuleFieldPath.append(path, rule.fieldPath()), typeName, activation));
        }
        return causes;
    }

    /**
     * Compile errors of the rules, for CRD validation, as kube reports them at
     * {@code <schemaPath>.x-kubernetes-validations[i].rule} (kube: {@code Invalid value: ...: compilation failed: ...}),
     * and likewise for messageExpression and for optionalOldSelf set on a rule that does not use oldSelf.
     */
    public static List<Cause> compileErrors(JsonNode rules, String schemaPath) {
        if (rules == null || !rules.isArray()) return List.of();
        List<Cause> causes = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            CelRule rule = CelRule.of(rules.get(i));
            String at = schemaPath + ".x-kubernetes-validations[" + i + "]";
            if (rule.rule().isBlank()) {
                causes.add(Cause.required(at + ".rule", "rule is not specified"));
                continue;
            }
            CelCompilation compiled = CelEnvironment.rule(rule.rule(), rule.usesOptionalOldSelf());
            if (compiled.failed()) {
                causes.add(invalidRule(at + ".rule", rule, compiled.error()));
            } else if (!rule.messageExpression().isEmpty()) {
                if (rule.messageExpression().isBlank()) {
                    causes.add(Cause.required(at + ".messageExpression", "messageExpression must be non-empty if specified"));
                } else {
                    CelCompilation message = CelEnvironment.messageExpression(rule.messageExpression(), rule.usesOptionalOldSelf());
                    if (message.failed()) causes.add(invalidRule(at + ".messageExpression", rule, message.error()));
                }
            }
            if (!compiled.usesOldSelf() && rule.optionalOldSelf() != null) {
                causes.add(Cause.invalid(at + ".optionalOldSelf", rule.optionalOldSelf(), "may not be set if oldSelf is not used in rule"));
            }
        }
        return causes;
    }

    private static Cause invalidRule(String field, CelRule rule, String detail) {
        return new Cause("FieldValueInvalid", field, "Invalid value: " + rule.goSyntax() + ": " + detail);
    }

    private static Map<String, Object> activation(Object self, Object oldSelf, boolean optionalOldSelf) {
        Map<String, Object> activation = new HashMap<>(2);
        activation.put(CelEnvironment.SELF, self);
        if (optionalOldSelf) activation.put(CelEnvironment.OLD_SELF, Optional.ofNullable(oldSelf));
        else if (oldSelf != null) activation.put(CelEnvironment.OLD_SELF, oldSelf);
        return activation;
    }

    private static boolean absent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }
}
