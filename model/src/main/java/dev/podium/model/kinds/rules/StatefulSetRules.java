package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.kinds.KindRules;
import dev.podium.model.selectors.LabelSelector;
import dev.podium.model.validation.Causes;
import dev.podium.model.validation.GoValues;
import dev.podium.model.validation.JsonCompare;
import dev.podium.model.validation.NameValidation;
import dev.podium.model.validation.Nodes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * apps/v1 StatefulSet: kube's SetDefaults_StatefulSet, ValidateStatefulSetSpec and
 * ValidateStatefulSetUpdate. As in kube, the pod template's spec is not validated here (its
 * volume mounts may name claim templates), only its labels and annotations.
 */
public final class StatefulSetRules implements KindRules {
    static final String SPEC_FORBIDDEN = "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', "
            + "'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";
    private static final List<String> UPDATABLE = List.of("replicas", "ordinals", "template", "updateStrategy",
            "persistentVolumeClaimRetentionPolicy", "minReadySeconds");
    private static final List<String> RETENTION_POLICIES = List.of("Retain", "Delete");

    @Override
    public void applyDefaults(ObjectNode obj) {
        ObjectNode spec = Nodes.child(obj, "spec");
        Nodes.putIfAbsent(spec, "podManagementPolicy", "OrderedReady");
        ObjectNode strategy = Nodes.child(spec, "updateStrategy");
        if (Nodes.isEmpty(strategy, "type")) {
            strategy.put("type", "RollingUpdate");
            Nodes.child(strategy, "rollingUpdate");
        }
        ObjectNode rollingUpdate = Nodes.obj(strategy, "rollingUpdate");
        if (Nodes.str(strategy, "type").equals("RollingUpdate") && rollingUpdate != null) Nodes.putIfAbsent(rollingUpdate, "partition", 0L);
        ObjectNode retention = Nodes.child(spec, "persistentVolumeClaimRetentionPolicy");
        Nodes.putIfAbsent(retention, "whenDeleted", "Retain");
        Nodes.putIfAbsent(retention, "whenScaled", "Retain");
        Nodes.putIfAbsent(spec, "replicas", 1L);
        Nodes.putIfAbsent(spec, "revisionHistoryLimit", 10L);
        Workloads.defaultTemplate(spec);
        for (ObjectNode claim : Nodes.objects(spec, "volumeClaimTemplates")) PersistentVolumeClaimRules.defaults(claim);
    }

    /** Pod names and hostnames are {@code <name>-<ordinal>}, so the name must be a DNS label. */
    @Override
    public Optional<List<String>> nameErrors(String name, boolean prefix) {
        String n = prefix && name.endsWith("-") ? name.substring(0, name.length() - 1) + "a" : name;
        return Optional.of(NameValidation.dns1123Label(n));
    }

    @Override
    public List<Cause> validate(ObjectNode obj) {
        JsonNode spec = Nodes.obj(obj, "spec");
        List<Cause> errs = new ArrayList<>();
        String policy = Nodes.str(spec, "podManagementPolicy");
        if (policy.isEmpty()) errs.add(Cause.required("spec.podManagementPolicy"));
        else if (!policy.equals("OrderedReady") && !policy.equals("Parallel")) {
            errs.add(Cause.invalid("spec.podManagementPolicy", policy, "must be 'OrderedReady' or 'Parallel'"));
        }
        updateStrategy(Nodes.obj(spec, "updateStrategy"), errs);
        JsonNode retention = Nodes.obj(spec, "persistentVolumeClaimRetentionPolicy");
        if (retention != null) {
            for (String f : List.of("whenDeleted", "whenScaled")) {
                String v = Nodes.str(retention, f);
                if (!RETENTION_POLICIES.contains(v)) errs.add(Cause.notSupported("spec.persistentVolumeClaimRetentionPolicy." + f, v, RETENTION_POLICIES));
            }
        }
        Workloads.nonNegative(spec, "replicas", "spec.replicas", errs);
        Workloads.nonNegative(spec, "minReadySeconds", "spec.minReadySeconds", errs);
        Workloads.nonNegative(Nodes.obj(spec, "ordinals"), "start", "spec.ordinals.start", errs);
        Workloads.requiredSelector(spec, "statefulset", errs);
        JsonNode selector = Nodes.obj(spec, "selector");
        Optional<LabelSelector> parsed = Workloads.asSelector(selector);
        JsonNode template = Nodes.obj(spec, "template");
        if (parsed.isEmpty()) {
            errs.add(new Cause("FieldValueInvalid", "spec.selector", "Invalid value: " + GoValues.labelSelector(selector)));
        } else {
            Workloads.templateSelected(parsed.get(), template, "spec.template", errs);
            errs.addAll(PodTemplateValidation.metadata(template, "spec.template"));
        }
        Workloads.longRunningTemplate(template, "spec.template", "StatefulSet", errs);
        return errs;
    }

    @Override
    public List<Cause> validateUpdate(ObjectNode oldObj, ObjectNode newObj) {
        List<Cause> errs = new ArrayList<>();
        Workloads.selectorImmutable(oldObj, newObj, errs);
        ObjectNode oldSpec = Nodes.obj(oldObj, "spec");
        ObjectNode spec = Nodes.obj(newObj, "spec");
        ObjectNode comparable = spec == null ? newObj.objectNode() : spec.deepCopy();
        for (String f : UPDATABLE) {
            JsonNode old = oldSpec == null ? null : oldSpec.get(f);
            if (old == null) comparable.remove(f);
            else comparable.set(f, old.deepCopy());
        }
        if (!JsonCompare.semanticEquals(oldSpec, comparable)) errs.add(Cause.forbidden("spec", SPEC_FORBIDDEN));
        return errs;
    }

    private static void updateStrategy(JsonNode strategy, List<Cause> errs) {
        String type = Nodes.str(strategy, "type");
        ObjectNode rollingUpdate = Nodes.obj(strategy, "rollingUpdate");
        String path = "spec.updateStrategy.rollingUpdate";
        switch (type) {
            case "" -> errs.add(Cause.required("spec.updateStrategy"));
            case "OnDelete" -> {
                if (rollingUpdate != null) errs.add(Causes.invalidRendered(path, rendered(rollingUpdate), "only allowed for updateStrategy 'RollingUpdate'"));
            }
            case "RollingUpdate" -> {
                if (rollingUpdate == null) return;
                Workloads.nonNegative(rollingUpdate, "partition", path + ".partition", errs);
                JsonNode maxUnavailable = rollingUpdate.get("maxUnavailable");
                if (maxUnavailable != null && !maxUnavailable.isNull()) {
                    errs.addAll(IntOrPercent.nonNegative(maxUnavailable, path + ".maxUnavailable"));
                    if (IntOrPercent.value(maxUnavailable) == 0) errs.add(IntOrPercent.invalid(path + ".maxUnavailable", maxUnavailable, "cannot be 0"));
                    errs.addAll(IntOrPercent.atMost100Percent(maxUnavailable, path + ".maxUnavailable"));
                }
            }
            default -> errs.add(Cause.invalid("spec.updateStrategy.type", type, "must be 'RollingUpdate' or 'OnDelete'"));
        }
    }

    // Go's %#v of the pointed-to struct; a set maxUnavailable is itself a pointer, whose address kube prints.
    private static String rendered(JsonNode rollingUpdate) {
        Long partition = Nodes.integer(rollingUpdate, "partition");
        JsonNode maxUnavailable = rollingUpdate.get("maxUnavailable");
        String max = maxUnavailable == null || maxUnavailable.isNull() ? "(*intstr.IntOrString)(nil)" : "(*intstr.IntOrString)(...)";
        return "apps.RollingUpdateStatefulSetStrategy{Partition:" + (partition == null ? 0 : partition) + ", MaxUnavailable:" + max + "}";
    }
}
