package dev.podium.model.admission.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.kinds.KindRules;
import dev.podium.model.validation.Causes;
import dev.podium.model.validation.NameValidation;
import dev.podium.model.validation.Nodes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * admissionregistration.k8s.io/v1 ValidatingAdmissionPolicy: kube's v1 defaults (SetDefaults_ValidatingAdmissionPolicySpec,
 * SetDefaults_MatchResources, SetDefaults_Rule) and ValidateValidatingAdmissionPolicy, CEL compilation included.
 * Kube relaxes checks of unchanged matchConditions on update; every expression compiles the same here whether it is
 * new or stored, so create rules apply to updates as well. Status (typeChecking) is not checked.
 */
public final class ValidatingAdmissionPolicyRules implements KindRules {
    static final List<String> FAILURE_POLICIES = List.of("Fail", "Ignore");

    @Override
    public void applyDefaults(ObjectNode obj) {
        ObjectNode spec = Nodes.obj(obj, "spec");
        if (spec == null) return;
        if (MatchResourcesRules.absent(spec, "failurePolicy")) spec.put("failurePolicy", "Fail");
        MatchResourcesRules.applyDefaults(Nodes.obj(spec, "matchConstraints"));
    }

    @Override
    public List<Cause> validate(ObjectNode obj) {
        JsonNode spec = obj.path("spec");
        CompiledPolicy compiled = CompiledPolicy.of(spec);
        List<Cause> errs = new ArrayList<>();
        String failurePolicy = Nodes.text(spec, "failurePolicy");
        if (failurePolicy == null) errs.add(Cause.required("spec.failurePolicy"));
        else if (!FAILURE_POLICIES.contains(failurePolicy)) errs.add(Cause.notSupported("spec.failurePolicy", failurePolicy, FAILURE_POLICIES));
        ObjectNode paramKind = Nodes.obj(spec, "paramKind");
        if (paramKind != null) errs.addAll(paramKind(paramKind, "spec.paramKind"));
        ObjectNode match = Nodes.obj(spec, "matchConstraints");
        if (match == null) {
            errs.add(Cause.required("spec.matchConstraints"));
        } else {
            errs.addAll(MatchResourcesRules.validate(match, "spec.matchConstraints"));
            // at least one resourceRule gives the expressions their type information
            if (Nodes.objects(match, "resourceRules").isEmpty()) errs.add(Cause.required("spec.matchConstraints.resourceRules"));
        }
        errs.addAll(PolicyExpressionValidation.matchConditions(spec, compiled, "spec.matchConditions"));
        errs.addAll(PolicyExpressionValidation.variables(compiled, "spec.variables"));
        if (compiled.validations().isEmpty() && compiled.auditAnnotations().isEmpty()) {
            String why = "validations or auditAnnotations must contain at least one item";
            errs.add(Cause.required("spec.validations", why));
            errs.add(Cause.required("spec.auditAnnotations", why));
        } else {
            for (int i = 0; i < compiled.validations().size(); i++) {
                errs.addAll(PolicyExpressionValidation.validation(compiled.validations().get(i), Causes.index("spec.validations", i)));
            }
            String name = Nodes.str(obj.path("metadata"), "name");
            errs.addAll(PolicyExpressionValidation.auditAnnotations(spec, compiled, name, "spec.auditAnnotations"));
        }
        return errs;
    }

    /** kube's validateParamKind: apiVersion a group/version like an APIService's, kind a DNS-1035 label in any case. */
    static List<Cause> paramKind(JsonNode paramKind, String path) {
        List<Cause> errs = new ArrayList<>();
        String apiVersion = Nodes.str(paramKind, "apiVersion");
        if (apiVersion.isEmpty()) {
            errs.add(Cause.required(path + ".apiVersion"));
        } else if (apiVersion.chars().filter(c -> c == '/').count() > 1) {
            errs.add(Cause.invalid(path + ".apiVersion", apiVersion, "unexpected GroupVersion string: " + apiVersion));
        } else {
            int slash = apiVersion.indexOf('/');
            String group = apiVersion.equals("/") || slash < 0 ? "" : apiVersion.substring(0, slash);
            String version = apiVersion.equals("/") ? "" : apiVersion.substring(slash + 1);
            List<String> groupErrors = NameValidation.dns1123Subdomain(group);
            if (!group.isEmpty() && !groupErrors.isEmpty()) errs.add(Cause.invalid(path + ".apiVersion", group, String.join(",", groupErrors)));
            if (version.isEmpty()) {
                errs.add(Cause.invalid(path + ".apiVersion", apiVersion, "version must be specified"));
            } else {
                List<String> versionErrors = NameValidation.dns1035Label(version);
                if (!versionErrors.isEmpty()) errs.add(Cause.invalid(path + ".apiVersion", version, String.join(",", versionErrors)));
            }
        }
        String kind = Nodes.str(paramKind, "kind");
        if (kind.isEmpty()) {
            errs.add(Cause.required(path + ".kind"));
        } else {
            List<String> kindErrors = NameValidation.dns1035Label(kind.toLowerCase(Locale.ROOT));
            if (!kindErrors.isEmpty()) {
                errs.add(Cause.invalid(path + ".kind", kind, "may have mixed case, but should otherwise match: " + String.join(",", kindErrors)));
            }
        }
        return errs;
    }
}
