package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.model.api.Cause;
import dev.podium.model.validation.Causes;
import dev.podium.model.validation.Nodes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** kube's validateRuleWithOperations, for webhooks' rules and admission policies' resourceRules alike (subresources allowed). */
public final class AdmissionRuleValidation {
    static final List<String> OPERATIONS = List.of("*", "CONNECT", "CREATE", "DELETE", "UPDATE");
    static final List<String> SCOPES = List.of("*", "Cluster", "Namespaced");

    private AdmissionRuleValidation() {}

    public static List<Cause> rule(JsonNode rule, String path) {
        List<Cause> errs = new ArrayList<>();
        List<String> operations = Nodes.strings(rule, "operations");
        if (operations.isEmpty()) errs.add(Cause.required(path + ".operations"));
        if (operations.size() > 1 && operations.contains("*")) {
            errs.add(Causes.invalidRendered(path + ".operations", goSlice("admissionregistration.OperationType", operations),
                    "if '*' is present, must not specify other operations"));
        }
        for (int i = 0; i < operations.size(); i++) {
            if (!OPERATIONS.contains(operations.get(i))) {
                errs.add(Cause.notSupported(Causes.index(path + ".operations", i), operations.get(i), OPERATIONS));
            }
        }
        errs.addAll(oneWildcard(Nodes.strings(rule, "apiGroups"), path + ".apiGroups", "API groups"));
        List<String> versions = Nodes.strings(rule, "apiVersions");
        errs.addAll(oneWildcard(versions, path + ".apiVersions", "API versions"));
        for (int i = 0; i < versions.size(); i++) {
            if (versions.get(i).isEmpty()) errs.add(Cause.required(Causes.index(path + ".apiVersions", i)));
        }
        errs.addAll(resources(Nodes.strings(rule, "resources"), path + ".resources"));
        String scope = Nodes.text(rule, "scope");
        if (scope != null && !SCOPES.contains(scope)) errs.add(Cause.notSupported(path + ".scope", scope, SCOPES));
        return errs;
    }

    private static List<Cause> oneWildcard(List<String> values, String path, String what) {
        if (values.isEmpty()) return List.of(Cause.required(path));
        if (values.size() > 1 && values.contains("*")) {
            return List.of(Causes.invalidRendered(path, Causes.goStrings(values), "if '*' is present, must not specify other " + what));
        }
        return List.of();
    }

    /** kube's validateResources: resources and resource/subresource pairs, either side possibly a wildcard, without overlaps. */
    private static List<Cause> resources(List<String> resources, String path) {
        List<Cause> errs = new ArrayList<>();
        if (resources.isEmpty()) errs.add(Cause.required(path));
        Set<String> withWildcardSub = new HashSet<>();
        Set<String> subWithWildcardRes = new HashSet<>();
        boolean doubleWildcard = false;
        boolean singleWildcard = false;
        boolean withoutSub = false;
        for (int i = 0; i < resources.size(); i++) {
            String resSub = resources.get(i);
            String p = Causes.index(path, i);
            if (resSub.isEmpty()) {
                errs.add(Cause.required(p));
                continue;
            }
            doubleWildcard |= resSub.equals("*/*");
            singleWildcard |= resSub.equals("*");
            int slash = resSub.indexOf('/');
            if (slash < 0) {
                withoutSub = !resSub.equals("*"); // kube keeps only the last resource's answer
                continue;
            }
            String res = resSub.substring(0, slash);
            String sub = resSub.substring(slash + 1);
            if (withWildcardSub.contains(res)) errs.add(Cause.invalid(p, resSub, "if '" + res + "/*' is present, must not specify " + resSub));
            if (subWithWildcardRes.contains(sub)) errs.add(Cause.invalid(p, resSub, "if '*/" + sub + "' is present, must not specify " + resSub));
            if (sub.equals("*")) withWildcardSub.add(res);
            if (res.equals("*")) subWithWildcardRes.add(sub);
        }
        if (resources.size() > 1 && doubleWildcard) {
            errs.add(Causes.invalidRendered(path, Causes.goStrings(resources), "if '*/*' is present, must not specify other resources"));
        }
        if (singleWildcard && withoutSub) {
            errs.add(Causes.invalidRendered(path, Causes.goStrings(resources), "if '*' is present, must not specify other resources without subresources"));
        }
        return errs;
    }

    /** Go's %#v of a slice of a named string type: {@code []pkg.Type{"a", "b"}}. */
    public static String goSlice(String type, List<String> values) {
        return "[]" + type + Causes.goStrings(values).substring("[]string".length());
    }
}
