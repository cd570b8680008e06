package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.validation.Causes;
import dev.podium.model.validation.Nodes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The rules of a Job's spec.podFailurePolicy, as kube's validatePodFailurePolicy (without the size limits). */
final class PodFailurePolicyValidation {
    static final List<String> ACTIONS = List.of("Count", "FailIndex", "FailJob", "Ignore");
    static final List<String> OPERATORS = List.of("In", "NotIn");
    static final List<String> CONDITION_STATUSES = List.of("False", "True", "Unknown");

    private PodFailurePolicyValidation() {}

    static List<Cause> validate(JsonNode spec, String path) {
        List<Cause> errs = new ArrayList<>();
        Set<String> containerNames = new HashSet<>();
        JsonNode podSpec = Nodes.obj(Nodes.obj(spec, "template"), "spec");
        for (String list : List.of("containers", "initContainers")) {
            for (ObjectNode c : Nodes.objects(podSpec, list)) containerNames.add(Nodes.str(c, "name"));
        }
        List<ObjectNode> rules = Nodes.objects(Nodes.obj(spec, "podFailurePolicy"), "rules");
        for (int i = 0; i < rules.size(); i++) {
            errs.addAll(rule(rules.get(i), Causes.index(path + ".rules", i), Nodes.integer(spec, "backoffLimitPerIndex") != null, containerNames));
        }
        return errs;
    }

    private static List<Cause> rule(ObjectNode rule, String path, boolean perIndexBackoff, Set<String> containerNames) {
        List<Cause> errs = new ArrayList<>();
        String action = Nodes.str(rule, "action");
        if (action.isEmpty()) errs.add(Cause.required(path + ".action", "valid values: " + goQuotedList(ACTIONS)));
        else if (action.equals("FailIndex") && !perIndexBackoff) {
            errs.add(Cause.invalid(path + ".action", action, "requires the backoffLimitPerIndex to be set"));
        } else if (!ACTIONS.contains(action)) errs.add(Cause.notSupported(path + ".action", action, ACTIONS));

        ObjectNode onExitCodes = Nodes.obj(rule, "onExitCodes");
        if (onExitCodes != null) errs.addAll(onExitCodes(onExitCodes, path + ".onExitCodes", containerNames));
        List<ObjectNode> onPodConditions = Nodes.objects(rule, "onPodConditions");
        for (int j = 0; j < onPodConditions.size(); j++) {
            String statusPath = Causes.index(path + ".onPodConditions", j) + ".status";
            String status = Nodes.str(onPodConditions.get(j), "status");
            if (status.isEmpty()) errs.add(Cause.required(statusPath, "valid values: " + goQuotedList(CONDITION_STATUSES)));
            else if (!CONDITION_STATUSES.contains(status)) errs.add(Cause.notSupported(statusPath, status, CONDITION_STATUSES));
        }
        if (onExitCodes != null && !onPodConditions.isEmpty()) {
            errs.add(omittedValue(path, "specifying both OnExitCodes and OnPodConditions is not supported"));
        }
        if (onExitCodes == null && onPodConditions.isEmpty()) {
            errs.add(omittedValue(path, "specifying one of OnExitCodes and OnPodConditions is required"));
        }
        return errs;
    }

    private static List<Cause> onExitCodes(ObjectNode onExitCodes, String path, Set<String> containerNames) {
        List<Cause> errs = new ArrayList<>();
        String operator = Nodes.str(onExitCodes, "operator");
        if (operator.isEmpty()) errs.add(Cause.required(path + ".operator", "valid values: " + goQuotedList(OPERATORS)));
        else if (!OPERATORS.contains(operator)) errs.add(Cause.notSupported(path + ".operator", operator, OPERATORS));
        String containerName = Nodes.text(onExitCodes, "containerName");
        if (containerName != null && !containerNames.contains(containerName)) {
            errs.add(Cause.invalid(path + ".containerName", containerName, "must be one of the container or initContainer names in the pod template"));
        }
        JsonNode values = Nodes.arr(onExitCodes, "values");
        if (values == null || values.isEmpty()) {
            errs.add(Causes.invalidRendered(path + ".values", values == null ? "[]int32(nil)" : "[]int32{}", "at least one value is required"));
            return errs;
        }
        for (int j = 0; j < values.size(); j++) {
            if (operator.equals("In") && values.get(j).asLong() == 0) {
                errs.add(Cause.invalid(Causes.index(path + ".values", j), 0, "must not be 0 for the In operator"));
            }
        }
        return errs;
    }

    // field.OmitValueType: kube prints the error without a value.
    private static Cause omittedValue(String path, String why) {
        return new Cause("FieldValueInvalid", path, "Invalid value: " + why);
    }

    /** Go's %q of a []string: ["a" "b"]. */
    static String goQuotedList(List<String> values) {
        return "[\"" + String.join("\" \"", values) + "\"]";
    }
}
