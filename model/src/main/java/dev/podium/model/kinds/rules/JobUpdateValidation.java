package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.validation.Causes;
import dev.podium.model.validation.GoValues;
import dev.podium.model.validation.JsonCompare;
import dev.podium.model.validation.Nodes;

import java.util.ArrayList;
import java.util.List;

/** kube's ValidateJobSpecUpdate: what may not change once a Job exists. */
final class JobUpdateValidation {
    private JobUpdateValidation() {}

    static List<Cause> validate(ObjectNode oldJob, ObjectNode newJob) {
        JsonNode oldSpec = Nodes.obj(oldJob, "spec");
        JsonNode spec = Nodes.obj(newJob, "spec");
        List<Cause> errs = new ArrayList<>();
        completions(oldSpec, spec, errs);
        if (changed(oldSpec, spec, "selector")) {
            errs.add(Causes.invalidRendered("spec.selector", GoValues.labelSelector(Nodes.obj(spec, "selector")), "field is immutable"));
        }
        if (!JsonCompare.semanticEquals(comparableOldTemplate(oldJob, spec), Nodes.obj(spec, "template"))) {
            // kube prints the whole core.PodTemplateSpec here; the type name says what changed.
            errs.add(Causes.invalidRendered("spec.template", "core.PodTemplateSpec{...}", "field is immutable"));
        }
        for (String field : List.of("completionMode", "podFailurePolicy", "backoffLimitPerIndex", "managedBy", "successPolicy")) {
            if (changed(oldSpec, spec, field)) errs.add(immutable("spec." + field, spec.get(field)));
        }
        return errs;
    }

    // Elastic Indexed jobs: completions may change together with parallelism (kept equal to it).
    private static void completions(JsonNode oldSpec, JsonNode spec, List<Cause> errs) {
        if (!changed(oldSpec, spec, "completions")) return;
        Long completions = Nodes.integer(spec, "completions");
        if (!JobSpecValidation.INDEXED.equals(Nodes.text(spec, "completionMode"))) {
            errs.add(Causes.immutable("spec.completions", completions));
        } else if (completions != null && !completions.equals(Nodes.integer(spec, "parallelism"))) {
            errs.add(Cause.invalid("spec.completions", completions, "can only be modified in tandem with spec.parallelism"));
        }
    }

    /**
     * The old template with what may change applied from the new one: while the job is suspended
     * and has never started, its scheduling directives, labels and annotations may change.
     */
    private static JsonNode comparableOldTemplate(ObjectNode oldJob, JsonNode newSpec) {
        ObjectNode oldTemplate = Nodes.obj(Nodes.obj(oldJob, "spec"), "template");
        boolean suspended = Nodes.bool(Nodes.obj(oldJob, "spec"), "suspend");
        boolean neverStarted = Nodes.isEmpty(Nodes.obj(oldJob, "status"), "startTime");
        if (oldTemplate == null || !suspended || !neverStarted) return oldTemplate;
        ObjectNode copy = oldTemplate.deepCopy();
        ObjectNode newTemplate = Nodes.obj(newSpec, "template");
        ObjectNode meta = Nodes.child(copy, "metadata");
        ObjectNode newMeta = Nodes.obj(newTemplate, "metadata");
        copyField(newMeta, meta, "labels");
        copyField(newMeta, meta, "annotations");
        ObjectNode podSpec = Nodes.child(copy, "spec");
        ObjectNode newPodSpec = Nodes.obj(newTemplate, "spec");
        for (String f : List.of("nodeSelector", "tolerations", "schedulingGates")) copyField(newPodSpec, podSpec, f);
        ObjectNode affinity = Nodes.obj(podSpec, "affinity");
        ObjectNode newAffinity = Nodes.obj(newPodSpec, "affinity");
        if (newAffinity != null) {
            copyField(newAffinity, Nodes.child(podSpec, "affinity"), "nodeAffinity");
        } else if (affinity != null) {
            affinity.remove("nodeAffinity");
            if (affinity.isEmpty()) podSpec.remove("affinity");
        }
        return copy;
    }

    private static void copyField(JsonNode from, ObjectNode to, String field) {
        JsonNode v = from == null ? null : from.get(field);
        if (v == null) to.remove(field);
        else to.set(field, v.deepCopy());
    }

    private static boolean changed(JsonNode oldSpec, JsonNode spec, String field) {
        return !JsonCompare.semanticEquals(oldSpec == null ? null : oldSpec.get(field), spec == null ? null : spec.get(field));
    }

    private static Cause immutable(String path, JsonNode v) {
        if (v == null || v.isNull()) return Causes.immutable(path, null);
        if (v.isTextual()) return Causes.immutable(path, v.asText());
        if (v.isNumber()) return Causes.immutable(path, v.asLong());
        String struct = path.endsWith("podFailurePolicy") ? "batch.PodFailurePolicy{...}" : "batch.SuccessPolicy{...}";
        return Causes.invalidRendered(path, struct, "field is immutable");
    }
}
