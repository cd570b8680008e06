package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.kinds.KindRules;
import dev.podium.model.selectors.LabelSelector;
import dev.podium.model.validation.Causes;
import dev.podium.model.validation.GoValues;
import dev.podium.model.validation.Nodes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** apps/v1 Deployment: kube's SetDefaults_Deployment and ValidateDeploymentSpec. */
public final class DeploymentRules implements KindRules {
    static final String ROLLING_UPDATE = "RollingUpdate";
    static final String RECREATE = "Recreate";

    @Override
    public void applyDefaults(ObjectNode obj) {
        ObjectNode spec = Nodes.child(obj, "spec");
        Nodes.putIfAbsent(spec, "replicas", 1L);
        ObjectNode strategy = Nodes.child(spec, "strategy");
        Nodes.putIfAbsent(strategy, "type", ROLLING_UPDATE);
        if (Nodes.str(strategy, "type").equals(ROLLING_UPDATE)) {
            ObjectNode rollingUpdate = Nodes.child(strategy, "rollingUpdate");
            Workloads.defaultIfNull(rollingUpdate, "maxUnavailable", "25%");
            Workloads.defaultIfNull(rollingUpdate, "maxSurge", "25%");
        }
        Nodes.putIfAbsent(spec, "revisionHistoryLimit", 10L);
        Nodes.putIfAbsent(spec, "progressDeadlineSeconds", 600L);
        Workloads.defaultTemplate(spec);
    }

    @Override
    public List<Cause> validate(ObjectNode obj) {
        JsonNode spec = Nodes.obj(obj, "spec");
        List<Cause> errs = new ArrayList<>();
        Workloads.nonNegative(spec, "replicas", "spec.replicas", errs);
        Workloads.requiredSelector(spec, "deployment", errs);
        JsonNode selector = Nodes.obj(spec, "selector");
        Optional<LabelSelector> parsed = Workloads.asSelector(selector);
        if (parsed.isEmpty()) errs.add(Causes.invalidRendered("spec.selector", GoValues.labelSelector(selector), "invalid label selector"));
        else Workloads.replicatedTemplate(Nodes.obj(spec, "template"), parsed.get(), "spec.template", "ReplicaSet", errs);
        strategy(Nodes.obj(spec, "strategy"), errs);
        Workloads.nonNegative(spec, "minReadySeconds", "spec.minReadySeconds", errs);
        Workloads.nonNegative(spec, "revisionHistoryLimit", "spec.revisionHistoryLimit", errs);
        Long deadline = Nodes.integer(spec, "progressDeadlineSeconds");
        if (deadline != null) {
            Workloads.nonNegative(spec, "progressDeadlineSeconds", "spec.progressDeadlineSeconds", errs);
            Long minReady = Nodes.integer(spec, "minReadySeconds");
            if (deadline <= (minReady == null ? 0 : minReady)) {
                errs.add(Cause.invalid("spec.progressDeadlineSeconds", deadline, "must be greater than minReadySeconds"));
            }
        }
        return errs;
    }

    @Override
    public List<Cause> validateUpdate(ObjectNode oldObj, ObjectNode newObj) {
        List<Cause> errs = new ArrayList<>();
        Workloads.selectorImmutable(oldObj, newObj, errs);
        return errs;
    }

    private static void strategy(JsonNode strategy, List<Cause> errs) {
        String type = Nodes.str(strategy, "type");
        JsonNode rollingUpdate = Nodes.obj(strategy, "rollingUpdate");
        switch (type) {
            case RECREATE -> {
                if (rollingUpdate != null) {
                    errs.add(Cause.forbidden("spec.strategy.rollingUpdate", "may not be specified when strategy `type` is 'Recreate'"));
                }
            }
            case ROLLING_UPDATE -> {
                if (rollingUpdate == null) {
                    errs.add(Cause.required("spec.strategy.rollingUpdate", "this should be defaulted and never be nil"));
                } else {
                    rollingUpdate(rollingUpdate, errs);
                }
            }
            default -> errs.add(Cause.notSupported("spec.strategy.type", type, List.of(RECREATE, ROLLING_UPDATE)));
        }
    }

    private static void rollingUpdate(JsonNode rollingUpdate, List<Cause> errs) {
        String path = "spec.strategy.rollingUpdate";
        JsonNode maxUnavailable = rollingUpdate.get("maxUnavailable");
        JsonNode maxSurge = rollingUpdate.get("maxSurge");
        errs.addAll(IntOrPercent.nonNegative(maxUnavailable, path + ".maxUnavailable"));
        errs.addAll(IntOrPercent.nonNegative(maxSurge, path + ".maxSurge"));
        if (IntOrPercent.value(maxUnavailable) == 0 && IntOrPercent.value(maxSurge) == 0) {
            errs.add(IntOrPercent.invalid(path + ".maxUnavailable", maxUnavailable, "may not be 0 when `maxSurge` is 0"));
        }
        errs.addAll(IntOrPercent.atMost100Percent(maxUnavailable, path + ".maxUnavailable"));
    }
}
