package dev.podium.model.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;

import java.util.ArrayList;
import java.util.List;

/** kube's metav1validation.ValidateLabelSelector, for selectors embedded in objects. */
public final class LabelSelectorValidation {
    private LabelSelectorValidation() {}

    public static List<Cause> validate(JsonNode selector, String path) {
        List<Cause> errs = new ArrayList<>();
        if (selector == null || selector.isNull()) return errs;
        errs.addAll(ObjectMetaValidation.validateLabels(Nodes.stringMap(selector, "matchLabels"), Causes.child(path, "matchLabels")));
        List<ObjectNode> exprs = Nodes.objects(selector, "matchExpressions");
        for (int i = 0; i < exprs.size(); i++) {
            ObjectNode expr = exprs.get(i);
            String p = Causes.index(Causes.child(path, "matchExpressions"), i);
            String op = Nodes.str(expr, "operator");
            List<String> values = Nodes.strings(expr, "values");
            switch (op) {
                case "In", "NotIn" -> {
                    if (values.isEmpty()) errs.add(Cause.required(p + ".values", "must be specified when `operator` is 'In' or 'NotIn'"));
                }
                case "Exists", "DoesNotExist" -> {
                    if (!values.isEmpty()) errs.add(Cause.forbidden(p + ".values", "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
                }
                default -> errs.add(Cause.invalid(p + ".operator", op, "not a valid selector operator"));
            }
            String key = Nodes.str(expr, "key");
            errs.addAll(Causes.invalidEach(p + ".key", key, NameValidation.labelKey(key)));
            for (int v = 0; v < values.size(); v++) {
                errs.addAll(Causes.invalidEach(Causes.index(p + ".values", v), values.get(v), NameValidation.labelValue(values.get(v))));
            }
        }
        return errs;
    }
}
