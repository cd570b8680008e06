package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.ApiException;
import dev.podium.model.api.Cause;
import dev.podium.model.selectors.LabelSelector;
import dev.podium.model.validation.Causes;
import dev.podium.model.validation.GoValues;
import dev.podium.model.validation.JsonCompare;
import dev.podium.model.validation.LabelSelectorValidation;
import dev.podium.model.validation.Nodes;

import java.util.List;
import java.util.Optional;

/** The selector, pod template and counter rules that the workload kinds share (kube's apps validation). */
final class Workloads {
    static final String SELECTOR_MISMATCH = "`selector` does not match template `labels`";

    private Workloads() {}

    /** ValidateNonnegativeField, for an optional integer field. */
    static void nonNegative(JsonNode parent, String field, String path, List<Cause> errs) {
        Long v = Nodes.integer(parent, field);
        if (v != null && v < 0) errs.add(Cause.invalid(path, v, "must be greater than or equal to 0"));
    }

    /** kube's LabelSelectorAsSelector: absent selects nothing, {} everything; empty when the selector is invalid. */
    static Optional<LabelSelector> asSelector(JsonNode selector) {
        if (!(selector instanceof ObjectNode)) return Optional.of(LabelSelector.nothing());
        try {
            return Optional.of(LabelSelector.fromObject(selector));
        } catch (ApiException e) {
            return Optional.empty();
        }
    }

    static boolean isEmptySelector(JsonNode selector) {
        return Nodes.stringMap(selector, "matchLabels").isEmpty() && Nodes.objects(selector, "matchExpressions").isEmpty();
    }

    /**
     * spec.selector of Deployment, ReplicaSet and StatefulSet: required, valid, not empty
     * ("empty selector is invalid for {@code kindWord}").
     */
    static void requiredSelector(JsonNode spec, String kindWord, List<Cause> errs) {
        ObjectNode selector = Nodes.obj(spec, "selector");
        if (selector == null) {
            errs.add(Cause.required("spec.selector"));
            return;
        }
        errs.addAll(LabelSelectorValidation.validate(selector, "spec.selector"));
        if (isEmptySelector(selector)) {
            errs.add(Causes.invalidRendered("spec.selector", GoValues.labelSelector(selector), "empty selector is invalid for " + kindWord));
        }
    }

    /** The template labels must be selected; an everything-selector skips the check as kube's selector.Empty() does. */
    static void templateSelected(LabelSelector selector, JsonNode template, String templatePath, List<Cause> errs) {
        if (selector.isEverything()) return;
        ObjectNode meta = Nodes.obj(template, "metadata");
        if (!selector.matches(Nodes.stringMap(meta, "labels"))) {
            JsonNode labels = meta == null ? null : meta.get("labels");
            errs.add(Causes.invalidRendered(templatePath + ".metadata.labels", GoValues.stringMap(labels), SELECTOR_MISMATCH));
        }
    }

    /** The template must restart its pods (restartPolicy Always) and may not set activeDeadlineSeconds. */
    static void longRunningTemplate(JsonNode template, String templatePath, String kindName, List<Cause> errs) {
        JsonNode spec = Nodes.obj(template, "spec");
        String restartPolicy = Nodes.str(spec, "restartPolicy");
        if (!restartPolicy.equals("Always")) errs.add(Cause.notSupported(templatePath + ".spec.restartPolicy", restartPolicy, List.of("Always")));
        if (Nodes.integer(spec, "activeDeadlineSeconds") != null) {
            errs.add(Cause.forbidden(templatePath + ".spec.activeDeadlineSeconds", "activeDeadlineSeconds in " + kindName + " is not Supported"));
        }
    }

    /** kube's ValidatePodTemplateSpecForReplicaSet (and ...ForRC): selection, the pod template, then restart rules. */
    static void replicatedTemplate(JsonNode template, LabelSelector selector, String path, String kindName, List<Cause> errs) {
        if (!(template instanceof ObjectNode)) {
            errs.add(Cause.required(path));
            return;
        }
        templateSelected(selector, template, path, errs);
        errs.addAll(PodTemplateValidation.validate(template, path));
        longRunningTemplate(template, path, kindName, errs);
    }

    /** apps/v1 selectors cannot change once created. */
    static void selectorImmutable(JsonNode oldObj, JsonNode newObj, List<Cause> errs) {
        JsonNode oldSelector = oldObj.path("spec").get("selector");
        JsonNode newSelector = newObj.path("spec").get("selector");
        if (!JsonCompare.semanticEquals(oldSelector, newSelector)) {
            errs.add(Causes.invalidRendered("spec.selector", GoValues.labelSelector(newSelector), "field is immutable"));
        }
    }

    /** Sets a field only when it is absent or null, as defaulting a Go pointer does. */
    static void defaultIfNull(ObjectNode parent, String field, String value) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) parent.put(field, value);
    }

    /** The pod template of a workload, defaulted when present or created (apps kinds embed it by value). */
    static void defaultTemplate(ObjectNode spec) {
        PodDefaults.applyToTemplate(Nodes.child(spec, "template"));
    }
}
