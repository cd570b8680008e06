package dev.podium.model.admission.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.kinds.rules.AdmissionRuleValidation;
import dev.podium.model.kinds.KindRules;
import dev.podium.model.validation.Causes;
import dev.podium.model.validation.LabelSelectorValidation;
import dev.podium.model.validation.NameValidation;
import dev.podium.model.validation.Nodes;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * admissionregistration.k8s.io/v1 ValidatingAdmissionPolicyBinding: kube's v1 defaults (matchResources only, when
 * present; v1 does not default paramRef.parameterNotFoundAction) and ValidateValidatingAdmissionPolicyBinding,
 * including kube's misspelt {@code spec.matchResouces} field path.
 */
public final class ValidatingAdmissionPolicyBindingRules implements KindRules {
    static final List<String> ACTIONS = List.of("Audit", "Deny", "Warn");
    static final List<String> NOT_FOUND_ACTIONS = List.of("Deny", "Allow");

    @Override
    public void applyDefaults(ObjectNode obj) {
        MatchResourcesRules.applyDefaults(Nodes.obj(Nodes.obj(obj, "spec"), "matchResources"));
    }

    @Override
    public List<Cause> validate(ObjectNode obj) {
        JsonNode spec = obj.path("spec");
        List<Cause> errs = new ArrayList<>();
        String policyName = Nodes.str(spec, "policyName");
        if (policyName.isEmpty()) errs.add(Cause.required("spec.policyName"));
        else errs.addAll(Causes.invalidEach("spec.policyName", policyName, NameValidation.dns1123Subdomain(policyName)));
        ObjectNode paramRef = Nodes.obj(spec, "paramRef");
        if (paramRef != null) errs.addAll(paramRef(paramRef, "spec.paramRef"));
        ObjectNode match = Nodes.obj(spec, "matchResources");
        if (match != null) errs.addAll(MatchResourcesRules.validate(match, "spec.matchResouces"));
        errs.addAll(validationActions(Nodes.strings(spec, "validationActions"), "spec.validationActions"));
        return errs;
    }

    private static List<Cause> paramRef(JsonNode ref, String path) {
        List<Cause> errs = new ArrayList<>();
        String name = Nodes.str(ref, "name");
        JsonNode selector = ref.get("selector");
        boolean hasSelector = selector != null && !selector.isNull();
        if (!name.isEmpty()) {
            errs.addAll(Causes.invalidEach(path + ".name", name, NameValidation.pathSegmentName(name, false)));
            if (hasSelector) errs.add(Cause.forbidden(path + ".name", "name and selector are mutually exclusive"));
        }
        if (hasSelector) {
            errs.addAll(LabelSelectorValidation.validate(selector, path + ".selector"));
            if (!name.isEmpty()) errs.add(Cause.forbidden(path + ".selector", "name and selector are mutually exclusive"));
        }
        if (name.isEmpty() && !hasSelector) errs.add(Cause.required(path, "one of name or selector must be specified"));
        String action = Nodes.str(ref, "parameterNotFoundAction");
        if (action.isEmpty()) errs.add(Cause.required(path + ".parameterNotFoundAction"));
        else if (!NOT_FOUND_ACTIONS.contains(action)) errs.add(Cause.notSupported(path + ".parameterNotFoundAction", action, NOT_FOUND_ACTIONS));
        return errs;
    }

    private static List<Cause> validationActions(List<String> actions, String path) {
        List<Cause> errs = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < actions.size(); i++) {
            String action = actions.get(i);
            if (!ACTIONS.contains(action)) errs.add(Cause.notSupported(Causes.index(path, i), action, ACTIONS));
            if (!seen.add(action)) errs.add(Cause.duplicate(Causes.index(path, i), action));
        }
        if (seen.contains("Deny") && seen.contains("Warn")) {
            errs.add(Causes.invalidRendered(path, AdmissionRuleValidation.goSlice("admissionregistration.ValidationAction", actions),
                    "must not contain both Deny and Warn (repeating the same validation failure information in the API response "
                            + "and headers serves no purpose)"));
        }
        if (seen.isEmpty()) errs.add(Cause.required(path, "at least one validation action is required"));
        return errs;
    }
}
