package dev.podium.model.crd;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.model.api.Cause;
import dev.podium.model.validation.Causes;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Visits the values that x-kubernetes-validations rules apply to, the way kube's CEL validator
 * does: null values are skipped, oldSelf is correlated by property name (unless the map is
 * x-kubernetes-map-type atomic) and, for list items, only within x-kubernetes-list-type map lists.
 */
final class RuleWalk {
    private final StructuralSchema.RuleChecker checker;
    private final List<Cause> errors = new ArrayList<>();

    private RuleWalk(StructuralSchema.RuleChecker checker) {
        this.checker = checker;
    }

    static List<Cause> check(StructuralSchema.RuleChecker checker, Schema root, JsonNode object, JsonNode old) {
        RuleWalk walk = new RuleWalk(checker);
        walk.visit("", root, object, old);
        return walk.errors;
    }

    private void visit(String path, Schema s, JsonNode self, JsonNode old) {
        if (s == null || JsonValues.isNull(self) || !s.hasRules()) return;
        JsonNode oldSelf = JsonValues.isNull(old) ? null : old;
        JsonNode rules = s.node().get("x-kubernetes-validations");
        if (rules != null && rules.isArray() && !rules.isEmpty()) errors.addAll(checker.check(rules, self, oldSelf, path));
        if (self.isObject()) {
            boolean correlated = oldSelf != null && oldSelf.isObject() && !s.mapType().equals("atomic");
            for (Iterator<Map.Entry<String, JsonNode>> it = self.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                Schema sub = s.properties().get(e.getKey());
                JsonNode oldValue = correlated ? oldSelf.get(e.getKey()) : null;
                if (sub != null) visit(Causes.child(path, e.getKey()), sub, e.getValue(), oldValue);
                else if (s.additionalProperties() != null) visit(Causes.key(path, e.getKey()), s.additionalProperties(), e.getValue(), oldValue);
            }
        } else if (self.isArray() && s.items() != null) {
            boolean correlated = oldSelf != null && s.listType().equals("map");
            for (int i = 0; i < self.size(); i++) {
                JsonNode oldItem = correlated ? Ratcheting.MapListKeys.find(oldSelf, self.get(i), s) : null;
                visit(Causes.index(path, i), s.items(), self.get(i), oldItem);
            }
        }
    }
}
