package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.kinds.KindRules;
import dev.podium.model.validation.Nodes;

import java.util.ArrayList;
import java.util.List;

/** flowcontrol.apiserver.k8s.io/v1 FlowSchema: kube's v1 defaults and ValidateFlowSchemaSpec. */
public final class FlowSchemaRules implements KindRules {
    static final int MAX_PRECEDENCE = 10000;
    private static final List<String> DISTINGUISHERS = List.of("ByUser", "ByNamespace");
    private static final List<String> SUBJECT_KINDS = List.of("ServiceAccount", "Group", "User");

    @Override
    public void applyDefaults(ObjectNode obj) {
        ObjectNode spec = Nodes.obj(obj, "spec");
        if (spec != null && spec.path("matchingPrecedence").asLong(0) == 0) spec.put("matchingPrecedence", 1000);
    }

    @Override
    public List<Cause> validate(ObjectNode obj) {
        JsonNode spec = obj.path("spec");
        List<Cause> errs = new ArrayList<>();
        long precedence = spec.path("matchingPrecedence").asLong(0);
        if (precedence <= 0 || precedence > MAX_PRECEDENCE) {
            errs.add(Cause.invalid("spec.matchingPrecedence", precedence, "must be between 1 and " + MAX_PRECEDENCE + ", inclusive"));
        }
        if (Nodes.str(spec.path("priorityLevelConfiguration"), "name").isEmpty()) {
            errs.add(Cause.required("spec.priorityLevelConfiguration.name", "must reference a priority level"));
        }
        ObjectNode distinguisher = Nodes.obj(spec, "distinguisherMethod");
        if (distinguisher != null && !DISTINGUISHERS.contains(Nodes.str(distinguisher, "type"))) {
            errs.add(Cause.notSupported("spec.distinguisherMethod.type", Nodes.str(distinguisher, "type"), DISTINGUISHERS));
        }
        List<ObjectNode> rules = Nodes.objects(spec, "rules");
        for (int i = 0; i < rules.size(); i++) errs.addAll(rule(rules.get(i), "spec.rules[" + i + "]"));
        return errs;
    }

    private static List<Cause> rule(ObjectNode rule, String path) {
        List<Cause> errs = new ArrayList<>();
        List<ObjectNode> subjects = Nodes.objects(rule, "subjects");
        if (subjects.isEmpty()) errs.add(Cause.required(path + ".subjects", "subjects must contain at least one value"));
        for (int i = 0; i < subjects.size(); i++) errs.addAll(subject(subjects.get(i), path + ".subjects[" + i + "]"));
        List<ObjectNode> resourceRules = Nodes.objects(rule, "resourceRules");
        List<ObjectNode> nonResourceRules = Nodes.objects(rule, "nonResourceRules");
        if (resourceRules.isEmpty() && nonResourceRules.isEmpty()) {
            errs.add(Cause.required(path, "at least one of resourceRules and nonResourceRules has to be non-empty"));
        }
        for (int i = 0; i < resourceRules.size(); i++) {
            String at = path + ".resourceRules[" + i + "]";
            ObjectNode r = resourceRules.get(i);
            for (String field : List.of("verbs", "apiGroups", "resources")) {
                if (Nodes.strings(r, field).isEmpty()) errs.add(Cause.required(at + "." + field, field + " must contain at least one value"));
            }
            if (Nodes.strings(r, "namespaces").isEmpty() && !r.path("clusterScope").asBoolean(false)) {
                errs.add(Cause.required(at + ".namespaces", "resource rules that are not cluster scoped must supply at least one namespace"));
            }
        }
        for (int i = 0; i < nonResourceRules.size(); i++) {
            String at = path + ".nonResourceRules[" + i + "]";
            ObjectNode r = nonResourceRules.get(i);
            if (Nodes.strings(r, "verbs").isEmpty()) errs.add(Cause.required(at + ".verbs", "verbs must contain at least one value"));
            if (Nodes.strings(r, "nonResourceURLs").isEmpty()) {
                errs.add(Cause.required(at + ".nonResourceURLs", "nonResourceURLs must contain at least one value"));
            }
        }
        return errs;
    }

    private static List<Cause> subject(ObjectNode subject, String path) {
        String kind = Nodes.str(subject, "kind");
        if (kind.isEmpty()) return List.of(Cause.required(path + ".kind"));
        if (!SUBJECT_KINDS.contains(kind)) return List.of(Cause.notSupported(path + ".kind", kind, SUBJECT_KINDS));
        String member = switch (kind) {
            case "ServiceAccount" -> "serviceAccount";
            case "Group" -> "group";
            default -> "user";
        };
        List<Cause> errs = new ArrayList<>();
        if (Nodes.str(subject.path(member), "name").isEmpty()) errs.add(Cause.required(path + "." + member + ".name"));
        if (kind.equals("ServiceAccount") && Nodes.str(subject.path(member), "namespace").isEmpty()) {
            errs.add(Cause.required(path + ".serviceAccount.namespace"));
        }
        return errs;
    }
}
