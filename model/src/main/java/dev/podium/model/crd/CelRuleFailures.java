package dev.podium.model.crd;

import dev.podium.model.api.Cause;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The cause kube reports for a rule that evaluated to false: its detail and the error type its reason asks for. */
final class CelRuleFailures {
    /** kube's cap on an evaluated messageExpression, in bytes. */
    private static final int MAX_MESSAGE_BYTES = 5 * 1024;

    private CelRuleFailures() {}

    static Cause cause(CelRule rule, String path, String typeName, Map<String, Object> activation) {
        String detail = detail(rule, activation);
        if (rule.reason() == null) return Cause.invalid(path, typeName, detail);
        return switch (rule.reason()) {
            case "FieldValueForbidden" -> Cause.forbidden(path, detail);
            case "FieldValueRequired" -> Cause.required(path, detail);
            case "FieldValueDuplicate" -> Cause.duplicate(path, typeName);
            default -> Cause.invalid(path, typeName, detail);
        };
    }

    /** The messageExpression's result when it yields a usable message, else the message or "failed rule: <rule>". */
    private static String detail(CelRule rule, Map<String, Object> activation) {
        if (!rule.messageExpression().isBlank()) {
            CelCompilation compiled = CelEnvironment.messageExpression(rule.messageExpression(), rule.usesOptionalOldSelf());
            if (!compiled.failed()) {
                try {
                    if (compiled.program().eval(activation) instanceof String s && usable(s.strip())) return s.strip();
                } catch (dev.cel.runtime.CelEvaluationException e) {
                    // kube logs the failure and falls back to the static message
                }
            }
        }
        return rule.messageOrDefault();
    }

    private static boolean usable(String message) {
        return !message.isEmpty() && message.indexOf('\n') < 0
                && message.getBytes(StandardCharsets.UTF_8).length <= MAX_MESSAGE_BYTES;
    }
}
