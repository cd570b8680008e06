package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.validation.Causes;
import dev.podium.model.validation.NameValidation;
import dev.podium.model.validation.Nodes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Node taints and Pod tolerations, as kube's validateNodeTaints and ValidateTolerations. */
final class TaintValidation {
    static final List<String> EFFECTS = List.of("NoSchedule", "PreferNoSchedule", "NoExecute");

    private TaintValidation() {}

    static List<Cause> taints(List<ObjectNode> taints, String path) {
        List<Cause> errs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < taints.size(); i++) {
            ObjectNode t = taints.get(i);
            String p = Causes.index(path, i);
            String key = Nodes.str(t, "key");
            String value = Nodes.str(t, "value");
            String effect = Nodes.str(t, "effect");
            errs.addAll(Causes.invalidEach(p + ".key", key, NameValidation.labelKey(key)));
            List<String> valueErrs = NameValidation.labelValue(value);
            if (!valueErrs.isEmpty()) errs.add(Cause.invalid(p + ".value", value, String.join(";", valueErrs)));
            errs.addAll(effect(effect, false, p + ".effect"));
            if (!seen.add(effect + "\u0000" + key)) {
                errs.add(Causes.duplicate(p, "{" + key + " " + value + " " + effect + "}", "taints must be unique by key and effect pair"));
            }
        }
        return errs;
    }

    static List<Cause> tolerations(List<ObjectNode> tolerations, String path) {
        List<Cause> errs = new ArrayList<>();
        for (int i = 0; i < tolerations.size(); i++) {
            ObjectNode t = tolerations.get(i);
            String p = Causes.index(path, i);
            String key = Nodes.str(t, "key");
            String operator = Nodes.str(t, "operator");
            String value = Nodes.str(t, "value");
            String effect = Nodes.str(t, "effect");
            if (!key.isEmpty()) errs.addAll(Causes.invalidEach(p + ".key", key, NameValidation.labelKey(key)));
            if (key.isEmpty() && !operator.equals("Exists")) {
                errs.add(Cause.invalid(p + ".operator", operator, "operator must be Exists when `key` is empty, which means \"match all values and all keys\""));
            }
            if (Nodes.integer(t, "tolerationSeconds") != null && !effect.equals("NoExecute")) {
                errs.add(Cause.invalid(p + ".effect", effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
            }
            switch (operator) {
                case "Equal", "" -> {
                    List<String> valueErrs = NameValidation.labelValue(value);
                    if (!valueErrs.isEmpty()) errs.add(Cause.invalid(p + ".operator", value, String.join(";", valueErrs)));
                }
                case "Exists" -> {
                    if (!value.isEmpty()) errs.add(Causes.invalidRendered(p + ".operator", t.toString(), "value must be empty when `operator` is 'Exists'"));
                }
                default -> errs.add(Cause.notSupported(p + ".operator", operator, List.of("Equal", "Exists")));
            }
            if (!effect.isEmpty()) errs.addAll(effect(effect, true, p + ".effect"));
        }
        return errs;
    }

    private static List<Cause> effect(String effect, boolean allowEmpty, String path) {
        if (!allowEmpty && effect.isEmpty()) return List.of(Cause.required(path));
        if (EFFECTS.contains(effect)) return List.of();
        return List.of(Cause.notSupported(path, effect, EFFECTS));
    }
}
