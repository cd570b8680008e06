package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.validation.Causes;
import dev.podium.model.validation.Nodes;

import java.util.ArrayList;
import java.util.List;

/** rbac.authorization.k8s.io/v1 Role and ClusterRole: kube's ValidatePolicyRule for each rule; names are path segments ({@code system:…} is fine). */
public final class RbacRoleRules extends RbacKindRules {
    public RbacRoleRules(boolean namespaced) {
        super(namespaced);
    }

    @Override
    public List<Cause> validate(ObjectNode obj) {
        List<Cause> errs = new ArrayList<>();
        JsonNode rules = obj.path("rules");
        for (int i = 0; i < rules.size(); i++) errs.addAll(rule(rules.get(i), Causes.index("rules", i)));
        return errs;
    }

    private List<Cause> rule(JsonNode rule, String path) {
        List<Cause> errs = new ArrayList<>();
        if (rule.path("verbs").isEmpty()) errs.add(Cause.required(path + ".verbs", "verbs must contain at least one value"));
        JsonNode urls = rule.path("nonResourceURLs");
        if (!urls.isEmpty()) {
            String rendered = Causes.goStrings(Nodes.strings(rule, "nonResourceURLs"));
            if (namespaced) errs.add(Causes.invalidRendered(path + ".nonResourceURLs", rendered, "namespaced rules cannot apply to non-resource URLs"));
            if (!rule.path("apiGroups").isEmpty() || !rule.path("resources").isEmpty() || !rule.path("resourceNames").isEmpty()) {
                errs.add(Causes.invalidRendered(path + ".nonResourceURLs", rendered, "rules cannot apply to both regular resources and non-resource URLs"));
            }
            return errs;
        }
        if (rule.path("apiGroups").isEmpty()) errs.add(Cause.required(path + ".apiGroups", "resource rules must supply at least one api group"));
        if (rule.path("resources").isEmpty()) errs.add(Cause.required(path + ".resources", "resource rules must supply at least one resource"));
        return errs;
    }
}
