package dev.podium.model.admission.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.admission.policy.PolicyCel.Compiled;
import dev.podium.model.api.Cause;
import dev.podium.model.validation.Causes;
import dev.podium.model.validation.NameValidation;
import dev.podium.model.validation.Nodes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * kube's checks of a policy's CEL fields: matchConditions, variables, validations and auditAnnotations, each
 * expression compiled as admission will compile it ({@link CompiledPolicy}).
 */
final class PolicyExpressionValidation {
    static final List<String> REASONS = List.of("Forbidden", "Invalid", "RequestEntityTooLarge");
    private static final int MAX_MATCH_CONDITIONS = 64;
    private static final int MAX_AUDIT_ANNOTATIONS = 20;
    private static final int MAX_VALUE_EXPRESSION_BYTES = 5 * 1024;
    private static final Pattern CEL_IDENTIFIER = Pattern.compile("[_a-zA-Z][_a-zA-Z0-9]*");
    private static final Set<String> CEL_RESERVED = Set.of("true", "false", "null", "in", "as", "break", "const", "continue",
            "else", "for", "function", "if", "import", "let", "loop", "package", "namespace", "return", "var", "void", "while");
    private static final Pattern NEWLINES = Pattern.compile("[\\n\\r]+");

    private PolicyExpressionValidation() {}

    static List<Cause> matchConditions(JsonNode spec, CompiledPolicy compiled, String path) {
        List<Cause> errs = new ArrayList<>();
        List<ObjectNode> conditions = Nodes.objects(spec, "matchConditions");
        if (conditions.size() > MAX_MATCH_CONDITIONS) errs.add(Cause.tooMany(path, conditions.size(), MAX_MATCH_CONDITIONS));
        Set<String> names = new HashSet<>();
        for (int i = 0; i < conditions.size(); i++) {
            String p = Causes.index(path, i);
            CompiledPolicy.Condition condition = compiled.matchConditions().get(i);
            if (condition.expression().isEmpty()) errs.add(Cause.required(p + ".expression"));
            else errs.addAll(compileErrors(condition.compiled(), p + ".expression", condition.expression()));
            String name = condition.name();
            if (name.isEmpty()) errs.add(Cause.required(p + ".name"));
            else errs.addAll(Causes.invalidEach(p + ".name", name, NameValidation.qualifiedName(name)));
            if (!name.isEmpty() && !names.add(name)) errs.add(Cause.duplicate(p + ".name", name));
        }
        return errs;
    }

    static List<Cause> variables(CompiledPolicy compiled, String path) {
        List<Cause> errs = new ArrayList<>();
        for (int i = 0; i < compiled.variables().size(); i++) {
            CompiledPolicy.Variable v = compiled.variables().get(i);
            String p = Causes.index(path, i);
            if (v.name().isBlank()) errs.add(Cause.required(p + ".name", "name is not specified"));
            else if (!CEL_IDENTIFIER.matcher(v.name()).matches() || CEL_RESERVED.contains(v.name())) {
                errs.add(Cause.invalid(p + ".name", v.name(), "name is not a valid CEL identifier"));
            }
            if (v.expression().isBlank()) errs.add(Cause.required(p + ".expression", "expression is not specified"));
            else errs.addAll(compileErrors(v.compiled(), p + ".expression", v.expression()));
        }
        return errs;
    }

    static List<Cause> validation(CompiledPolicy.Validation v, String path) {
        List<Cause> errs = new ArrayList<>();
        if (v.expression().isBlank()) errs.add(Cause.required(path + ".expression", "expression is not specified"));
        else errs.addAll(compileErrors(v.compiled(), path + ".expression", v.expression()));
        if (!v.messageExpression().isEmpty() && v.messageExpression().isBlank()) {
            errs.add(Cause.invalid(path + ".messageExpression", v.messageExpression(), "must be non-empty if specified"));
        } else if (v.messageCompiled() != null) {
            errs.addAll(compileErrors(v.messageCompiled(), path + ".messageExpression", v.messageExpression()));
        }
        if (!v.message().isEmpty() && v.message().isBlank()) {
            errs.add(Cause.invalid(path + ".message", v.message(), "message must be non-empty if specified"));
        } else if (NEWLINES.matcher(v.message().strip()).find()) {
            errs.add(Cause.invalid(path + ".message", v.message(), "message must not contain line breaks"));
        }
        if (v.reason() != null && !REASONS.contains(v.reason())) errs.add(Cause.notSupported(path + ".reason", v.reason(), REASONS));
        return errs;
    }

    static List<Cause> auditAnnotations(JsonNode spec, CompiledPolicy compiled, String policyName, String path) {
        List<Cause> errs = new ArrayList<>();
        List<ObjectNode> annotations = Nodes.objects(spec, "auditAnnotations");
        if (annotations.size() > MAX_AUDIT_ANNOTATIONS) {
            errs.add(Causes.invalidRendered(path, goAuditAnnotations(annotations), "must not have more than " + MAX_AUDIT_ANNOTATIONS + " auditAnnotations"));
        }
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < annotations.size(); i++) {
            String p = Causes.index(path, i);
            String key = Nodes.str(annotations.get(i), "key");
            if (!policyName.isEmpty()) {
                errs.addAll(Causes.invalidEach(p + ".key", policyName + "/" + key, NameValidation.qualifiedName(policyName + "/" + key)));
            } else {
                errs.add(Cause.invalid(p + ".key", key, "requires metadata.name be non-empty"));
            }
            String raw = Nodes.str(annotations.get(i), "valueExpression");
            CompiledPolicy.AuditAnnotation annotation = compiled.auditAnnotations().get(i);
            if (annotation.valueExpression().isEmpty()) {
                errs.add(Cause.required(p + ".valueExpression", "valueExpression is not specified"));
            } else if (annotation.valueExpression().getBytes(StandardCharsets.UTF_8).length > MAX_VALUE_EXPRESSION_BYTES) {
                errs.add(Cause.required(p + ".valueExpression", "must not exceed " + MAX_VALUE_EXPRESSION_BYTES + " bytes in length"));
            } else {
                errs.addAll(compileErrors(annotation.compiled(), p + ".valueExpression", raw));
            }
            if (!keys.add(key)) errs.add(Cause.duplicate(p + ".key", key));
        }
        return errs;
    }

    private static List<Cause> compileErrors(Compiled compiled, String path, String expression) {
        return compiled.failed() ? List.of(Cause.invalid(path, expression, compiled.error())) : List.of();
    }

    /** Go's %#v of []admissionregistration.AuditAnnotation. */
    private static String goAuditAnnotations(List<ObjectNode> annotations) {
        StringBuilder sb = new StringBuilder("[]admissionregistration.AuditAnnotation{");
        for (int i = 0; i < annotations.size(); i++) {
            if (i > 0) sb.append(", ");
            sb.append("admissionregistration.AuditAnnotation{Key:").append(goQuote(Nodes.str(annotations.get(i), "key")))
                    .append(", ValueExpression:").append(goQuote(Nodes.str(annotations.get(i), "valueExpression"))).append('}');
        }
        return sb.append('}').toString();
    }

    private static String goQuote(String s) {
        String rendered = Causes.goStrings(List.of(s));
        return rendered.substring("[]string{".length(), rendered.length() - 1);
    }
}
