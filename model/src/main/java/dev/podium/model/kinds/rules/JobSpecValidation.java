package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.model.api.Cause;
import dev.podium.model.validation.Nodes;

import java.util.ArrayList;
import java.util.List;

/** kube's validateJobSpec: what a Job's spec and a CronJob's spec.jobTemplate.spec share. */
final class JobSpecValidation {
    static final String NON_INDEXED = "NonIndexed";
    static final String INDEXED = "Indexed";
    static final List<String> COMPLETION_MODES = List.of(NON_INDEXED, INDEXED);
    static final List<String> REPLACEMENT_POLICIES = List.of("Failed", "TerminatingOrFailed");
    private static final long MAX_INDEXED_PARALLELISM = 100_000;
    private static final long MAX_FAILED_INDEXES = 100_000;
    private static final List<String> COUNTERS = List.of("parallelism", "completions", "activeDeadlineSeconds", "backoffLimit",
            "ttlSecondsAfterFinished", "backoffLimitPerIndex", "maxFailedIndexes");

    private JobSpecValidation() {}

    /** {@code path} is "spec" for a Job, "spec.jobTemplate.spec" for a CronJob. */
    static List<Cause> validate(JsonNode spec, String path) {
        String p = path + ".";
        List<Cause> errs = new ArrayList<>();
        for (String counter : COUNTERS) Workloads.nonNegative(spec, counter, p + counter, errs);
        Long completions = Nodes.integer(spec, "completions");
        Long parallelism = Nodes.integer(spec, "parallelism");
        Long maxFailedIndexes = Nodes.integer(spec, "maxFailedIndexes");
        boolean perIndexBackoff = Nodes.integer(spec, "backoffLimitPerIndex") != null;
        if (maxFailedIndexes != null && !perIndexBackoff) {
            errs.add(Cause.required(p + "backoffLimitPerIndex", "when maxFailedIndexes is specified"));
        }
        String mode = Nodes.text(spec, "completionMode");
        if (mode != null && !COMPLETION_MODES.contains(mode)) errs.add(Cause.notSupported(p + "completionMode", mode, COMPLETION_MODES));
        if (INDEXED.equals(mode)) {
            if (completions == null) errs.add(Cause.required(p + "completions", "when completion mode is Indexed"));
            if (parallelism != null && parallelism > MAX_INDEXED_PARALLELISM) {
                errs.add(Cause.invalid(p + "parallelism", parallelism, "must be less than or equal to " + MAX_INDEXED_PARALLELISM + " when completion mode is Indexed"));
            }
            if (completions != null && maxFailedIndexes != null && maxFailedIndexes > completions) {
                errs.add(Cause.invalid(p + "maxFailedIndexes", maxFailedIndexes, "must be less than or equal to completions"));
            }
            if (maxFailedIndexes != null && maxFailedIndexes > MAX_FAILED_INDEXES) {
                errs.add(Cause.invalid(p + "maxFailedIndexes", maxFailedIndexes, "must be less than or equal to " + MAX_FAILED_INDEXES));
            }
        } else if (mode == null || mode.equals(NON_INDEXED)) {
            if (perIndexBackoff) {
                errs.add(Cause.invalid(p + "backoffLimitPerIndex", Nodes.integer(spec, "backoffLimitPerIndex"), "requires indexed completion mode"));
            }
            if (maxFailedIndexes != null) errs.add(Cause.invalid(p + "maxFailedIndexes", maxFailedIndexes, "requires indexed completion mode"));
        }
        boolean failurePolicy = Nodes.obj(spec, "podFailurePolicy") != null;
        if (failurePolicy) errs.addAll(PodFailurePolicyValidation.validate(spec, p + "podFailurePolicy"));
        String replacement = Nodes.text(spec, "podReplacementPolicy");
        if (replacement != null) {
            List<String> allowed = failurePolicy ? List.of("Failed") : REPLACEMENT_POLICIES;
            if (!allowed.contains(replacement)) errs.add(Cause.notSupported(p + "podReplacementPolicy", replacement, allowed));
        }
        JsonNode template = Nodes.obj(spec, "template");
        errs.addAll(PodTemplateValidation.validate(template, p + "template"));
        restartPolicy(Nodes.str(Nodes.obj(template, "spec"), "restartPolicy"), failurePolicy, p + "template.spec.restartPolicy", errs);
        return errs;
    }

    // The pod template defaults restartPolicy to Always, which is why "Always" and "" read as missing.
    private static void restartPolicy(String policy, boolean failurePolicy, String path, List<Cause> errs) {
        if (policy.equals("Always") || policy.isEmpty()) {
            errs.add(Cause.required(path, "valid values: \"OnFailure\", \"Never\""));
        } else if (!policy.equals("OnFailure") && !policy.equals("Never")) {
            errs.add(Cause.notSupported(path, policy, List.of("OnFailure", "Never")));
        } else if (failurePolicy && !policy.equals("Never")) {
            errs.add(Cause.invalid(path, policy, "only \"Never\" is supported when podFailurePolicy is specified"));
        }
    }
}
