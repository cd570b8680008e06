package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.validation.Causes;
import dev.podium.model.validation.NameValidation;
import dev.podium.model.validation.Nodes;

import java.util.ArrayList;
import java.util.List;

/**
 * rbac.authorization.k8s.io/v1 RoleBinding and ClusterRoleBinding, as kube validates them: a roleRef
 * to a Role or ClusterRole of the RBAC group (a ClusterRoleBinding only to a ClusterRole) that
 * never changes, and User, Group or ServiceAccount subjects (a ClusterRoleBinding's service
 * accounts name their namespace).
 */
public final class RbacBindingRules extends RbacKindRules {
    static final String GROUP = "rbac.authorization.k8s.io";
    public RbacBindingRules(boolean namespaced) {
        super(namespaced);
    }

    /** kube's SetDefaults_Subject: Users and Groups belong to the RBAC group, service accounts to the core group. */
    @Override
    public void applyDefaults(ObjectNode obj) {
        for (ObjectNode s : Nodes.objects(obj, "subjects")) {
            if (!Nodes.str(s, "apiGroup").isEmpty()) continue;
            String kind = Nodes.str(s, "kind");
            if (kind.equals("User") || kind.equals("Group")) s.put("apiGroup", GROUP);
        }
    }

    @Override
    public List<Cause> validate(ObjectNode obj) {
        List<Cause> errs = new ArrayList<>();
        JsonNode ref = obj.path("roleRef");
        String apiGroup = Nodes.str(ref, "apiGroup");
        if (!apiGroup.equals(GROUP)) errs.add(Cause.notSupported("roleRef.apiGroup", apiGroup, List.of(GROUP)));
        String kind = Nodes.str(ref, "kind");
        List<String> kinds = namespaced ? List.of("Role", "ClusterRole") : List.of("ClusterRole");
        if (!kinds.contains(kind)) errs.add(Cause.notSupported("roleRef.kind", kind, kinds));
        String name = Nodes.str(ref, "name");
        if (name.isEmpty()) errs.add(Cause.required("roleRef.name"));
        else errs.addAll(Causes.invalidEach("roleRef.name", name, NameValidation.pathSegmentName(name, false)));
        List<ObjectNode> subjects = Nodes.objects(obj, "subjects");
        for (int i = 0; i < subjects.size(); i++) errs.addAll(subject(subjects.get(i), Causes.index("subjects", i)));
        return errs;
    }

    private List<Cause> subject(ObjectNode s, String path) {
        List<Cause> errs = new ArrayList<>();
        String name = Nodes.str(s, "name");
        if (name.isEmpty()) errs.add(Cause.required(path + ".name"));
        String apiGroup = Nodes.str(s, "apiGroup");
        switch (Nodes.str(s, "kind")) {
            case "ServiceAccount" -> {
                if (!name.isEmpty()) errs.addAll(Causes.invalidEach(path + ".name", name, NameValidation.dns1123Subdomain(name)));
                if (!apiGroup.isEmpty()) errs.add(Cause.notSupported(path + ".apiGroup", apiGroup, List.of("")));
                if (!namespaced && Nodes.str(s, "namespace").isEmpty()) errs.add(Cause.required(path + ".namespace"));
            }
            case "User", "Group" -> {
                if (!apiGroup.equals(GROUP)) errs.add(Cause.notSupported(path + ".apiGroup", apiGroup, List.of(GROUP)));
            }
            default -> errs.add(Cause.notSupported(path + ".kind", Nodes.str(s, "kind"), List.of("ServiceAccount", "User", "Group")));
        }
        return errs;
    }

    @Override
    public List<Cause> validateUpdate(ObjectNode oldObj, ObjectNode newObj) {
        JsonNode before = oldObj.path("roleRef");
        JsonNode after = newObj.path("roleRef");
        if (ref(before).equals(ref(after))) return List.of();
        return List.of(Causes.invalidRendered("roleRef", ref(after), "cannot change roleRef"));
    }

    /** Go's %#v of an rbac.RoleRef. */
    private static String ref(JsonNode r) {
        return "rbac.RoleRef{APIGroup:\"" + Nodes.str(r, "apiGroup") + "\", Kind:\"" + Nodes.str(r, "kind") + "\", Name:\"" + Nodes.str(r, "name") + "\"}";
    }
}
