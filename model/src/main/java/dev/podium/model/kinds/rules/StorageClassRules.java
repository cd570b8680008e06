package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.kinds.KindRules;
import dev.podium.model.validation.Causes;
import dev.podium.model.validation.JsonCompare;
import dev.podium.model.validation.NameValidation;
import dev.podium.model.validation.Nodes;

import java.util.ArrayList;
import java.util.List;

/** storage.k8s.io/v1 StorageClass: kube's SetDefaults_StorageClass, ValidateStorageClass and its update rules. */
public final class StorageClassRules implements KindRules {
    static final List<String> RECLAIM_POLICIES = List.of("Delete", "Retain");
    static final List<String> BINDING_MODES = List.of("Immediate", "WaitForFirstConsumer");

    @Override
    public void applyDefaults(ObjectNode obj) {
        Nodes.putIfAbsent(obj, "reclaimPolicy", "Delete");
        Nodes.putIfAbsent(obj, "volumeBindingMode", "Immediate");
    }

    @Override
    public List<Cause> validate(ObjectNode obj) {
        List<Cause> errs = new ArrayList<>();
        String provisioner = Nodes.str(obj, "provisioner");
        if (provisioner.isEmpty()) errs.add(Cause.required("provisioner"));
        else errs.addAll(Causes.invalidEach("provisioner", provisioner.toLowerCase(), NameValidation.qualifiedName(provisioner.toLowerCase())));
        String reclaimPolicy = Nodes.text(obj, "reclaimPolicy");
        if (reclaimPolicy != null && !RECLAIM_POLICIES.contains(reclaimPolicy)) errs.add(Cause.notSupported("reclaimPolicy", reclaimPolicy, RECLAIM_POLICIES));
        String bindingMode = Nodes.text(obj, "volumeBindingMode");
        if (bindingMode == null) errs.add(Cause.required("volumeBindingMode"));
        else if (!BINDING_MODES.contains(bindingMode)) errs.add(Cause.notSupported("volumeBindingMode", bindingMode, BINDING_MODES));
        return errs;
    }

    @Override
    public List<Cause> validateUpdate(ObjectNode oldObj, ObjectNode newObj) {
        List<Cause> errs = new ArrayList<>();
        if (!JsonCompare.semanticEquals(oldObj.get("parameters"), newObj.get("parameters"))) {
            errs.add(Cause.forbidden("parameters", "updates to parameters are forbidden."));
        }
        if (!Nodes.str(oldObj, "provisioner").equals(Nodes.str(newObj, "provisioner"))) {
            errs.add(Cause.forbidden("provisioner", "updates to provisioner are forbidden."));
        }
        if (!Nodes.str(oldObj, "reclaimPolicy").equals(Nodes.str(newObj, "reclaimPolicy"))) {
            errs.add(Cause.forbidden("reclaimPolicy", "updates to reclaimPolicy are forbidden."));
        }
        String bindingMode = Nodes.text(newObj, "volumeBindingMode");
        if (!Nodes.str(oldObj, "volumeBindingMode").equals(Nodes.str(newObj, "volumeBindingMode"))) {
            errs.add(Causes.immutable("volumeBindingMode", bindingMode));
        }
        return errs;
    }
}
