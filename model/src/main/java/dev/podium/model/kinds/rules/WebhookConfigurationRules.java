package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.admission.policy.MatchConditions;
import dev.podium.model.api.Cause;
import dev.podium.model.kinds.KindRules;
import dev.podium.model.validation.Causes;
import dev.podium.model.validation.LabelSelectorValidation;
import dev.podium.model.validation.NameValidation;
import dev.podium.model.validation.Nodes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * admissionregistration.k8s.io/v1 MutatingWebhookConfiguration and ValidatingWebhookConfiguration:
 * kube's v1 defaults (SetDefaults_MutatingWebhook and friends) and its create validation.
 * Kube relaxes some checks on update when the stored object already broke them; objects written
 * through this API never do, so the create rules apply to updates as well.
 */
public final class WebhookConfigurationRules implements KindRules {
    static final List<String> FAILURE_POLICIES = List.of("Fail", "Ignore");
    static final List<String> MATCH_POLICIES = List.of("Equivalent", "Exact");
    static final List<String> SIDE_EFFECTS = List.of("None", "NoneOnDryRun");
    static final List<String> REINVOCATION_POLICIES = List.of("IfNeeded", "Never");
    static final List<String> REVIEW_VERSIONS = List.of("v1", "v1beta1");

    private final boolean mutating;

    private WebhookConfigurationRules(boolean mutating) {
        this.mutating = mutating;
    }

    public static WebhookConfigurationRules mutating() {
        return new WebhookConfigurationRules(true);
    }

    public static WebhookConfigurationRules validating() {
        return new WebhookConfigurationRules(false);
    }

    @Override
    public void applyDefaults(ObjectNode obj) {
        for (ObjectNode hook : Nodes.objects(obj, "webhooks")) {
            defaultText(hook, "failurePolicy", "Fail");
            defaultText(hook, "matchPolicy", "Equivalent");
            if (absent(hook, "namespaceSelector")) hook.putObject("namespaceSelector");
            if (absent(hook, "objectSelector")) hook.putObject("objectSelector");
            if (absent(hook, "timeoutSeconds")) hook.put("timeoutSeconds", 10);
            if (mutating) defaultText(hook, "reinvocationPolicy", "Never");
            for (ObjectNode rule : Nodes.objects(hook, "rules")) defaultText(rule, "scope", "*");
            ObjectNode service = Nodes.obj(Nodes.obj(hook, "clientConfig"), "service");
            if (service != null && absent(service, "port")) service.put("port", 443);
        }
    }

    @Override
    public List<Cause> validate(ObjectNode obj) {
        List<Cause> errs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<ObjectNode> hooks = Nodes.objects(obj, "webhooks");
        for (int i = 0; i < hooks.size(); i++) {
            ObjectNode hook = hooks.get(i);
            String path = Causes.index("webhooks", i);
            errs.addAll(webhook(hook, path));
            errs.addAll(reviewVersions(Nodes.strings(hook, "admissionReviewVersions"), path + ".admissionReviewVersions"));
            String name = Nodes.str(hook, "name");
            if (!name.isEmpty() && !names.add(name)) errs.add(Cause.duplicate(path + ".name", name));
        }
        return errs;
    }

    private List<Cause> webhook(ObjectNode hook, String path) {
        List<Cause> errs = new ArrayList<>(fullyQualifiedName(Nodes.str(hook, "name"), path + ".name"));
        List<ObjectNode> rules = Nodes.objects(hook, "rules");
        for (int i = 0; i < rules.size(); i++) errs.addAll(AdmissionRuleValidation.rule(rules.get(i), Causes.index(path + ".rules", i)));
        errs.addAll(oneOf(hook, "failurePolicy", FAILURE_POLICIES, path));
        errs.addAll(oneOf(hook, "matchPolicy", MATCH_POLICIES, path));
        String sideEffects = Nodes.text(hook, "sideEffects");
        if (sideEffects == null) errs.add(Cause.required(path + ".sideEffects", "must specify one of " + String.join(", ", SIDE_EFFECTS)));
        else errs.addAll(oneOf(hook, "sideEffects", SIDE_EFFECTS, path));
        Long timeout = Nodes.integer(hook, "timeoutSeconds");
        if (timeout != null && (timeout > 30 || timeout < 1)) {
            errs.add(Cause.invalid(path + ".timeoutSeconds", timeout, "the timeout value must be between 1 and 30 seconds"));
        }
        errs.addAll(LabelSelectorValidation.validate(hook.get("namespaceSelector"), path + ".namespaceSelector"));
        errs.addAll(LabelSelectorValidation.validate(hook.get("objectSelector"), path + ".objectSelector"));
        if (mutating) errs.addAll(oneOf(hook, "reinvocationPolicy", REINVOCATION_POLICIES, path));
        errs.addAll(WebhookClientConfigValidation.clientConfig(Nodes.obj(hook, "clientConfig"), path + ".clientConfig"));
        errs.addAll(MatchConditions.compileErrors(hook.get("matchConditions"), path + ".matchConditions"));
        return errs;
    }

    /** kube's IsFullyQualifiedName: a DNS subdomain of at least three segments. */
    static List<Cause> fullyQualifiedName(String name, String path) {
        if (name.isEmpty()) return List.of(Cause.required(path));
        List<String> subdomain = NameValidation.dns1123Subdomain(name);
        if (!subdomain.isEmpty()) return List.of(Cause.invalid(path, name, String.join(",", subdomain)));
        if (name.split("\\.", -1).length < 3) {
            return List.of(Cause.invalid(path, name, "should be a domain with at least three segments separated by dots"));
        }
        return List.of();
    }

    static List<Cause> reviewVersions(List<String> versions, String path) {
        if (versions.isEmpty()) return List.of(Cause.required(path, "must specify one of " + String.join(", ", REVIEW_VERSIONS)));
        List<Cause> errs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < versions.size(); i++) {
            String v = versions.get(i);
            if (!seen.add(v)) {
                errs.add(Cause.invalid(Causes.index(path, i), v, "duplicate version"));
                continue;
            }
            errs.addAll(Causes.invalidEach(Causes.index(path, i), v, NameValidation.dns1035Label(v)));
        }
        if (versions.stream().noneMatch(REVIEW_VERSIONS::contains)) {
            errs.add(Causes.invalidRendered(path, Causes.goStrings(versions), "must include at least one of " + String.join(", ", REVIEW_VERSIONS)));
        }
        return errs;
    }

    private static List<Cause> oneOf(ObjectNode hook, String field, List<String> supported, String path) {
        String value = Nodes.text(hook, field);
        if (value == null || supported.contains(value)) return List.of();
        return List.of(Cause.notSupported(path + "." + field, value, supported));
    }

    /** Kube defaults nil pointers only: an explicit "" stays and is refused by validation. */
    private static boolean absent(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        return n == null || n.isNull();
    }

    private static void defaultText(ObjectNode parent, String field, String value) {
        if (absent(parent, field)) parent.put(field, value);
    }
}
