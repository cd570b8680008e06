package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.kinds.KindRules;
import dev.podium.model.selectors.LabelSelector;
import dev.podium.model.validation.Causes;
import dev.podium.model.validation.GoValues;
import dev.podium.model.validation.LabelSelectorValidation;
import dev.podium.model.validation.NameValidation;
import dev.podium.model.validation.Nodes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * batch/v1 Job: kube's SetDefaults_Job, ValidateJob and ValidateJobSpecUpdate. The selector is
 * generated at create time by {@link JobSelectors#generate}, which validation then expects.
 */
public final class JobRules implements KindRules {
    private static final Map<String, Function<JsonNode, String>> FIELD_SELECTORS = Map.of(
            "status.successful", o -> String.valueOf(o.path("status").path("succeeded").asLong(0)));

    @Override
    public void applyDefaults(ObjectNode obj) {
        ObjectNode spec = Nodes.child(obj, "spec");
        if (isNull(spec, "completions") && isNull(spec, "parallelism")) spec.put("completions", 1L);
        Nodes.putIfAbsent(spec, "parallelism", 1L);
        Nodes.putIfAbsent(spec, "backoffLimit", isNull(spec, "backoffLimitPerIndex") ? 6L : Integer.MAX_VALUE);
        ObjectNode templateLabels = Nodes.obj(Nodes.obj(Nodes.obj(spec, "template"), "metadata"), "labels");
        if (templateLabels != null && Nodes.isEmpty(obj.get("metadata"), "labels")) {
            Nodes.child(obj, "metadata").set("labels", templateLabels.deepCopy());
        }
        Nodes.putIfAbsent(spec, "completionMode", JobSpecValidation.NON_INDEXED);
        Nodes.putIfAbsent(spec, "suspend", false);
        ObjectNode failurePolicy = Nodes.obj(spec, "podFailurePolicy");
        for (ObjectNode rule : Nodes.objects(failurePolicy, "rules")) {
            for (ObjectNode pattern : Nodes.objects(rule, "onPodConditions")) Nodes.putIfAbsent(pattern, "status", "True");
        }
        Nodes.putIfAbsent(spec, "podReplacementPolicy", failurePolicy != null ? "Failed" : "TerminatingOrFailed");
        Nodes.putIfAbsent(spec, "manualSelector", false);
        Workloads.defaultTemplate(spec);
    }

    @Override
    public List<Cause> validate(ObjectNode obj) {
        JsonNode spec = Nodes.obj(obj, "spec");
        List<Cause> errs = new ArrayList<>(generatedSelector(obj));
        errs.addAll(JobSpecValidation.validate(spec, "spec"));
        ObjectNode selector = Nodes.obj(spec, "selector");
        if (selector == null) errs.add(Cause.required("spec.selector"));
        else errs.addAll(LabelSelectorValidation.validate(selector, "spec.selector"));
        Optional<LabelSelector> parsed = Workloads.asSelector(selector);
        parsed.ifPresent(s -> Workloads.templateSelected(s, Nodes.obj(spec, "template"), "spec.template", errs));
        errs.addAll(indexedHostnames(obj));
        return errs;
    }

    @Override
    public List<Cause> validateUpdate(ObjectNode oldObj, ObjectNode newObj) {
        return JobUpdateValidation.validate(oldObj, newObj);
    }

    @Override
    public Map<String, Function<JsonNode, String>> fieldSelectors() {
        return FIELD_SELECTORS;
    }

    /** kube's validateGeneratedSelector: with the selector generated, the pod template must carry the job's labels. */
    private static List<Cause> generatedSelector(ObjectNode job) {
        List<Cause> errs = new ArrayList<>();
        JsonNode spec = Nodes.obj(job, "spec");
        ObjectNode selector = Nodes.obj(spec, "selector");
        if (Nodes.bool(spec, "manualSelector") || selector == null) return errs;
        if (Nodes.str(job.get("metadata"), "uid").isEmpty()) errs.add(Cause.required("metadata.uid"));
        ObjectNode templateMeta = Nodes.obj(Nodes.obj(spec, "template"), "metadata");
        Map<String, String> labels = Nodes.stringMap(templateMeta, "labels");
        Map<String, String> expected = JobSelectors.generatedLabels(job);
        for (String key : List.of(JobSelectors.LEGACY_CONTROLLER_UID, JobSelectors.LEGACY_JOB_NAME, JobSelectors.CONTROLLER_UID, JobSelectors.JOB_NAME)) {
            String path = Causes.key("spec.template.metadata.labels", key);
            String want = expected.get(key);
            if (!labels.containsKey(key)) errs.add(Cause.required(path, "must be '" + want + "'"));
            else if (!labels.get(key).equals(want)) {
                errs.add(Causes.invalidRendered(path, GoValues.stringMap(Nodes.obj(templateMeta, "labels")), "must be '" + want + "'"));
            }
        }
        Optional<LabelSelector> parsed = Workloads.asSelector(selector);
        if (parsed.isPresent() && !parsed.get().matches(expected)) {
            errs.add(Causes.invalidRendered("spec.selector", GoValues.labelSelector(selector), "`selector` not auto-generated"));
        }
        return errs;
    }

    /** An Indexed job's pods are named {@code <job>-<index>}, which must be a DNS label for their hostnames. */
    private static List<Cause> indexedHostnames(ObjectNode job) {
        JsonNode spec = Nodes.obj(job, "spec");
        Long completions = Nodes.integer(spec, "completions");
        if (!JobSpecValidation.INDEXED.equals(Nodes.text(spec, "completionMode")) || completions == null || completions <= 0) return List.of();
        String name = Nodes.str(job.get("metadata"), "name");
        String hostname = name + "-" + (completions - 1);
        if (NameValidation.dns1123Label(hostname).isEmpty()) return List.of();
        return List.of(Cause.invalid("metadata.name", name, "will not able to create pod with invalid DNS label: " + hostname));
    }

    private static boolean isNull(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        return n == null || n.isNull();
    }
}
