package dev.podium.model.admission.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.kinds.rules.AdmissionRuleValidation;
import dev.podium.model.validation.Causes;
import dev.podium.model.validation.LabelSelectorValidation;
import dev.podium.model.validation.NameValidation;
import dev.podium.model.validation.Nodes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A policy's matchConstraints or a binding's matchResources: kube's SetDefaults_MatchResources and validateMatchResources. */
final class MatchResourcesRules {
    static final List<String> MATCH_POLICIES = List.of("Equivalent", "Exact");

    private MatchResourcesRules() {}

    /** Kube defaults nil pointers only: an explicit "" stays and is refused by validation. */
    static void applyDefaults(ObjectNode match) {
        if (match == null) return;
        if (absent(match, "matchPolicy")) match.put("matchPolicy", "Equivalent");
        if (absent(match, "namespaceSelector")) match.putObject("namespaceSelector");
        if (absent(match, "objectSelector")) match.putObject("objectSelector");
        for (String rules : List.of("resourceRules", "excludeResourceRules")) {
            for (ObjectNode rule : Nodes.objects(match, rules)) {
                if (absent(rule, "scope")) rule.put("scope", "*");
            }
        }
    }

    static List<Cause> validate(JsonNode match, String path) {
        List<Cause> errs = new ArrayList<>();
        String matchPolicy = Nodes.text(match, "matchPolicy");
        if (matchPolicy == null) errs.add(Cause.required(path + ".matchPolicy"));
        else if (!MATCH_POLICIES.contains(matchPolicy)) errs.add(Cause.notSupported(path + ".matchPolicy", matchPolicy, MATCH_POLICIES));
        for (String selector : List.of("namespaceSelector", "objectSelector")) {
            JsonNode s = match.get(selector);
            if (s == null || s.isNull()) errs.add(Cause.required(path + "." + selector));
            else errs.addAll(LabelSelectorValidation.validate(s, path + "." + selector));
        }
        for (String rules : List.of("resourceRules", "excludeResourceRules")) {
            List<ObjectNode> named = Nodes.objects(match, rules);
            for (int i = 0; i < named.size(); i++) errs.addAll(namedRule(named.get(i), Causes.index(path + "." + rules, i)));
        }
        return errs;
    }

    private static List<Cause> namedRule(JsonNode rule, String path) {
        List<Cause> errs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<String> resourceNames = Nodes.strings(rule, "resourceNames");
        for (int i = 0; i < resourceNames.size(); i++) {
            String name = resourceNames.get(i);
            String p = Causes.index(path + ".resourceNames", i);
            errs.addAll(Causes.invalidEach(p, name, NameValidation.pathSegmentName(name, false)));
            if (!names.add(name)) errs.add(Cause.duplicate(p, name));
        }
        errs.addAll(AdmissionRuleValidation.rule(rule, path));
        return errs;
    }

    static boolean absent(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        return n == null || n.isNull();
    }
}
