package dev.podium.model.admission.policy;

import dev.podium.model.crd.CelEvaluationErrors;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cel.runtime.CelEvaluationException;
import dev.podium.model.admission.policy.PolicyCel.Compiled;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * kube's validator for one policy, binding and param: matchConditions ({@link MatchConditions}: any false skips the
 * policy; errors follow the failure policy), then each validation, then each audit annotation. Errors deny under
 * failurePolicy Fail and are dropped under Ignore. A failed validation's message is its messageExpression's string, else its message, else
 * {@code failed expression: X}.
 */
final class BindingEvaluation {
    private static final int MAX_MESSAGE_BYTES = 5 * 1024;

    private BindingEvaluation() {}

    /** A failed validation, or an error that denies: its index among the validations, message and reason ("" for none). */
    record Failure(int index, String message, String reason) {}

    /** An audit annotation's value to publish, or (value null) the error that denies the request. */
    record Annotation(String key, String value, String error) {}

    record Result(List<Failure> failures, List<Annotation> annotations) {
        static final Result NONE = new Result(List.of(), List.of());
    }

    /** What one expression gave: its value, or kube's words for why it has none. */
    sealed interface Outcome {}

    record Value(Object value) implements Outcome {}

    record Error(String message) implements Outcome {}

    static Result evaluate(CompiledPolicy policy, boolean failClosed, PolicyRequest request, ObjectNode param) {
        Map<String, Object> activation = PolicyActivation.of(request, param, policy);
        MatchConditions.Result matched = MatchConditions.evaluate(policy.matchConditions(), activation);
        if (matched instanceof MatchConditions.NotMatched) return Result.NONE;
        if (matched instanceof MatchConditions.Errored e) {
            return failClosed ? new Result(List.of(new Failure(0, e.message(), "")), List.of()) : Result.NONE;
        }
        List<Failure> failures = new ArrayList<>();
        for (int i = 0; i < policy.validations().size(); i++) {
            CompiledPolicy.Validation v = policy.validations().get(i);
            Outcome outcome = run(v.compiled(), v.expression(), activation);
            if (outcome instanceof Error e) {
                if (failClosed) failures.add(new Failure(i, e.message(), ""));
            } else if (!Boolean.TRUE.equals(((Value) outcome).value())) {
                failures.add(new Failure(i, message(v, activation), v.reason() == null ? "Invalid" : v.reason()));
            }
        }
        List<Annotation> annotations = new ArrayList<>();
        for (CompiledPolicy.AuditAnnotation a : policy.auditAnnotations()) {
            Outcome outcome = run(a.compiled(), a.valueExpression(), activation);
            if (outcome instanceof Error e) {
                if (failClosed) annotations.add(new Annotation(a.key(), null, e.message()));
            } else if (((Value) outcome).value() instanceof String s && !s.isBlank()) {
                annotations.add(new Annotation(a.key(), s.strip(), null)); // null or blank: nothing to publish
            }
        }
        return new Result(failures, annotations);
    }

    private static String message(CompiledPolicy.Validation v, Map<String, Object> activation) {
        String message = "";
        if (v.messageCompiled() != null && run(v.messageCompiled(), v.messageExpression(), activation) instanceof Value value
                && value.value() instanceof String s) {
            message = s.strip();
            if (message.getBytes(StandardCharsets.UTF_8).length > MAX_MESSAGE_BYTES || message.contains("\n")) message = "";
        }
        if (message.isEmpty() && !v.message().isEmpty()) message = v.message().strip();
        if (message.isEmpty()) message = "failed expression: " + v.expression().strip();
        return message;
    }

    static Outcome run(Compiled compiled, String expression, Map<String, Object> activation) {
        if (compiled.failed()) return new Error("compilation error: " + compiled.error());
        try {
            return new Value(compiled.program().eval(activation));
        } catch (CelEvaluationException e) {
            return new Error("expression '" + expression + "' resulted in error: " + CelEvaluationErrors.celGoMessage(e));
        }
    }
}
