package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.kinds.KindRules;
import dev.podium.model.selectors.LabelSelector;
import dev.podium.model.validation.Causes;
import dev.podium.model.validation.GoValues;
import dev.podium.model.validation.LabelSelectorValidation;
import dev.podium.model.validation.Nodes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * apps/v1 DaemonSet: kube's SetDefaults_DaemonSet and ValidateDaemonSetSpec. Unlike the other
 * apps kinds a missing selector is not reported as such: it selects nothing, so the template's
 * labels fail to match.
 */
public final class DaemonSetRules implements KindRules {
    static final String ROLLING_UPDATE = "RollingUpdate";
    static final String ON_DELETE = "OnDelete";

    @Override
    public void applyDefaults(ObjectNode obj) {
        ObjectNode spec = Nodes.child(obj, "spec");
        ObjectNode strategy = Nodes.child(spec, "updateStrategy");
        Nodes.putIfAbsent(strategy, "type", ROLLING_UPDATE);
        if (Nodes.str(strategy, "type").equals(ROLLING_UPDATE)) {
            ObjectNode rollingUpdate = Nodes.child(strategy, "rollingUpdate");
            Nodes.putIfAbsent(rollingUpdate, "maxUnavailable", 1L);
            Nodes.putIfAbsent(rollingUpdate, "maxSurge", 0L);
        }
        Nodes.putIfAbsent(spec, "revisionHistoryLimit", 10L);
        Workloads.defaultTemplate(spec);
    }

    @Override
    public List<Cause> validate(ObjectNode obj) {
        JsonNode spec = Nodes.obj(obj, "spec");
        List<Cause> errs = new ArrayList<>();
        ObjectNode selector = Nodes.obj(spec, "selector");
        errs.addAll(LabelSelectorValidation.validate(selector, "spec.selector"));
        JsonNode template = Nodes.obj(spec, "template");
        Optional<LabelSelector> parsed = Workloads.asSelector(selector);
        parsed.ifPresent(s -> Workloads.templateSelected(s, template, "spec.template", errs));
        if (selector != null && Workloads.isEmptySelector(selector)) {
            errs.add(Causes.invalidRendered("spec.selector", GoValues.labelSelector(selector), "empty selector is invalid for daemonset"));
        }
        errs.addAll(PodTemplateValidation.validate(template, "spec.template"));
        Workloads.longRunningTemplate(template, "spec.template", "DaemonSet", errs);
        Workloads.nonNegative(spec, "minReadySeconds", "spec.minReadySeconds", errs);
        Workloads.nonNegative(spec, "templateGeneration", "spec.templateGeneration", errs);
        updateStrategy(Nodes.obj(spec, "updateStrategy"), errs);
        Workloads.nonNegative(spec, "revisionHistoryLimit", "spec.revisionHistoryLimit", errs);
        return errs;
    }

    @Override
    public List<Cause> validateUpdate(ObjectNode oldObj, ObjectNode newObj) {
        List<Cause> errs = new ArrayList<>();
        Workloads.selectorImmutable(oldObj, newObj, errs);
        return errs;
    }

    private static void updateStrategy(JsonNode strategy, List<Cause> errs) {
        String type = Nodes.str(strategy, "type");
        switch (type) {
            case ON_DELETE -> { }
            case ROLLING_UPDATE -> {
                ObjectNode rollingUpdate = Nodes.obj(strategy, "rollingUpdate");
                if (rollingUpdate == null) errs.add(Cause.required("spec.updateStrategy.rollingUpdate"));
                else rollingUpdate(rollingUpdate, errs);
            }
            default -> errs.add(Cause.notSupported("spec.updateStrategy.type", type, List.of(ROLLING_UPDATE, ON_DELETE)));
        }
    }

    /** kube's ValidateRollingUpdateDaemonSet: exactly one of maxUnavailable and maxSurge is non-zero. */
    private static void rollingUpdate(JsonNode rollingUpdate, List<Cause> errs) {
        String path = "spec.updateStrategy.rollingUpdate";
        JsonNode maxUnavailable = rollingUpdate.get("maxUnavailable");
        JsonNode maxSurge = rollingUpdate.get("maxSurge");
        errs.addAll(IntOrPercent.nonNegative(maxUnavailable, path + ".maxUnavailable"));
        errs.addAll(IntOrPercent.nonNegative(maxSurge, path + ".maxSurge"));
        errs.addAll(IntOrPercent.atMost100Percent(maxUnavailable, path + ".maxUnavailable"));
        errs.addAll(IntOrPercent.atMost100Percent(maxSurge, path + ".maxSurge"));
        boolean hasUnavailable = IntOrPercent.value(maxUnavailable) != 0;
        boolean hasSurge = IntOrPercent.value(maxSurge) != 0;
        if (hasUnavailable && hasSurge) {
            errs.add(IntOrPercent.invalid(path + ".maxSurge", maxSurge, "may not be set when maxUnavailable is non-zero"));
        } else if (!hasUnavailable && !hasSurge) {
            errs.add(Cause.required(path + ".maxUnavailable", "cannot be 0 when maxSurge is 0"));
        }
    }
}
