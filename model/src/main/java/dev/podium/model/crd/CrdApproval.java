package dev.podium.model.crd;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.model.api.Cause;
import dev.podium.model.validation.Nodes;

import java.util.List;

/**
 * Groups under k8s.io and kubernetes.io belong to the Kubernetes project: their definitions must
 * carry the api-approved.kubernetes.io annotation, a URL to the approved API review or a reason
 * starting with "unapproved".
 */
final class CrdApproval {
    static final String ANNOTATION = "api-approved.kubernetes.io";
    private static final String FIELD = "metadata.annotations[" + ANNOTATION + "]";
    private static final String SEE = "see https://github.com/kubernetes/enhancements/pull/1111";

    enum State { INVALID, APPROVED, BYPASSED, MISSING }

    private CrdApproval() {}

    static boolean isProtectedGroup(String group) {
        return group.equals("k8s.io") || group.endsWith(".k8s.io") || group.equals("kubernetes.io") || group.endsWith(".kubernetes.io");
    }

    /**
     * As on create. kube also lets an update through that leaves an invalid state as it was, which
     * only matters for definitions stored before the rule existed.
     */
    static void validate(JsonNode crd, List<Cause> errs) {
        if (!isProtectedGroup(Nodes.str(crd.get("spec"), "group"))) return;
        String annotation = Nodes.str(crd.path("metadata").get("annotations"), ANNOTATION);
        State state = state(annotation);
        switch (state) {
            case MISSING -> errs.add(Cause.required(FIELD, "protected groups must have approval annotation \"" + ANNOTATION + "\", " + SEE));
            case INVALID -> errs.add(Cause.invalid(FIELD, annotation, "protected groups must have approval annotation \"" + ANNOTATION
                    + "\" with either a URL or a reason starting with \"unapproved\", " + SEE));
            default -> { }
        }
    }

    static State state(String annotation) {
        if (annotation.isEmpty()) return State.MISSING;
        if (annotation.startsWith("unapproved")) return State.BYPASSED;
        try {
            GoUrl.Parts url = GoUrl.parseRequestUri(annotation);
            return !url.host().isEmpty() && !url.scheme().isEmpty() ? State.APPROVED : State.INVALID;
        } catch (GoUrl.ParseError e) {
            return State.INVALID;
        }
    }
}
