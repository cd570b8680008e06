package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.validation.Causes;
import dev.podium.model.validation.JsonCompare;
import dev.podium.model.validation.Nodes;

import java.util.ArrayList;
import java.util.List;

/** kube's ValidatePodUpdate: the spec is fixed except for a handful of fields. */
final class PodUpdateValidation {
    static final String SPEC_FORBIDDEN = "pod updates may not change fields other than `spec.containers[*].image`,"
            + "`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),"
            + "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

    private PodUpdateValidation() {}

    static List<Cause> validate(ObjectNode oldPod, ObjectNode newPod, boolean allowNodeNameSet) {
        List<Cause> errs = new ArrayList<>();
        JsonNode oldSpec = oldPod.get("spec");
        JsonNode newSpec = newPod.get("spec");
        for (String list : List.of("containers", "initContainers")) {
            if (containerUpdates(Nodes.objects(oldSpec, list), Nodes.objects(newSpec, list), "spec." + list, errs)) return errs;
        }

        Long newDeadline = Nodes.integer(newSpec, "activeDeadlineSeconds");
        Long oldDeadline = Nodes.integer(oldSpec, "activeDeadlineSeconds");
        if (newDeadline != null) {
            if (newDeadline < 0 || newDeadline > Integer.MAX_VALUE) {
                errs.add(Cause.invalid("spec.activeDeadlineSeconds", newDeadline, "must be between 0 and " + Integer.MAX_VALUE + ", inclusive"));
                return errs;
            }
            if (oldDeadline != null && oldDeadline < newDeadline) {
                errs.add(Cause.invalid("spec.activeDeadlineSeconds", newDeadline, "must be less than or equal to previous value"));
                return errs;
            }
        } else if (oldDeadline != null) {
            errs.add(Causes.invalidRendered("spec.activeDeadlineSeconds", "null", "must not update from a positive integer to nil value"));
        }

        errs.addAll(onlyAddedTolerations(Nodes.objects(oldSpec, "tolerations"), Nodes.objects(newSpec, "tolerations")));

        if (JsonCompare.semanticEquals(oldSpec, newSpec)) return errs;
        ObjectNode munged = newSpec instanceof ObjectNode o ? o.deepCopy() : newPod.objectNode();
        for (String list : List.of("containers", "initContainers")) {
            List<ObjectNode> olds = Nodes.objects(oldSpec, list);
            List<ObjectNode> news = Nodes.objects(munged, list);
            for (int i = 0; i < news.size(); i++) copy(olds.get(i), news.get(i), "image");
        }
        copy(oldSpec, munged, "activeDeadlineSeconds");
        copy(oldSpec, munged, "tolerations");
        Long oldGrace = Nodes.integer(oldSpec, "terminationGracePeriodSeconds");
        Long newGrace = Nodes.integer(munged, "terminationGracePeriodSeconds");
        if (oldGrace != null && oldGrace < 0 && newGrace != null && newGrace == 1) copy(oldSpec, munged, "terminationGracePeriodSeconds");
        if (allowNodeNameSet && Nodes.isEmpty(oldSpec, "nodeName")) copy(oldSpec, munged, "nodeName");

        if (!JsonCompare.semanticEquals(oldSpec, munged)) {
            errs.add(Cause.forbidden("spec", SPEC_FORBIDDEN + CmpDiff.of("core.PodSpec", oldSpec, munged)));
        }
        return errs;
    }

    /** True when the rest of the update checks should stop, as kube's ValidateContainerUpdates. */
    private static boolean containerUpdates(List<ObjectNode> olds, List<ObjectNode> news, String path, List<Cause> errs) {
        if (olds.size() != news.size()) {
            errs.add(Cause.forbidden(path, "pod updates may not add or remove containers"));
            return true;
        }
        for (int i = 0; i < news.size(); i++) {
            String image = Nodes.str(news.get(i), "image");
            String p = Causes.index(path, i) + ".image";
            if (image.isEmpty()) errs.add(Cause.required(p));
            if (!image.strip().equals(image)) errs.add(Cause.invalid(p, image, "must not have leading or trailing whitespace"));
        }
        return false;
    }

    // Every old toleration must still be there; only its tolerationSeconds may differ.
    private static List<Cause> onlyAddedTolerations(List<ObjectNode> olds, List<ObjectNode> news) {
        for (ObjectNode old : olds) {
            boolean found = false;
            for (ObjectNode n : news) {
                ObjectNode a = old.deepCopy();
                ObjectNode b = n.deepCopy();
                a.remove("tolerationSeconds");
                b.remove("tolerationSeconds");
                if (JsonCompare.semanticEquals(a, b)) {
                    found = true;
                    break;
                }
            }
            if (!found) return List.of(Cause.forbidden("spec.tolerations", "existing toleration can not be modified except its tolerationSeconds"));
        }
        return List.of();
    }

    private static void copy(JsonNode from, ObjectNode to, String field) {
        JsonNode v = from == null ? null : from.get(field);
        if (v == null) to.remove(field);
        else to.set(field, v.deepCopy());
    }
}
