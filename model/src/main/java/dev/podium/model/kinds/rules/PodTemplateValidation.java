package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.model.api.Cause;
import dev.podium.model.validation.Nodes;
import dev.podium.model.validation.ObjectMetaValidation;

import java.util.ArrayList;
import java.util.List;

/**
 * kube's ValidatePodTemplateSpec for the template of a workload. Like kube, the template's labels
 * and annotations are reported at {@code <path>.labels}, not {@code <path>.metadata.labels}.
 */
final class PodTemplateValidation {
    private PodTemplateValidation() {}

    static List<Cause> validate(JsonNode template, String path) {
        List<Cause> errs = new ArrayList<>(metadata(template, path));
        errs.addAll(PodValidation.validateSpec(Nodes.obj(template, "spec"), path + ".spec"));
        return errs;
    }

    /** Only the labels and annotations: all kube checks of a StatefulSet's template. */
    static List<Cause> metadata(JsonNode template, String path) {
        JsonNode meta = Nodes.obj(template, "metadata");
        List<Cause> errs = new ArrayList<>(ObjectMetaValidation.validateLabels(Nodes.stringMap(meta, "labels"), path + ".labels"));
        errs.addAll(ObjectMetaValidation.validateAnnotations(Nodes.stringMap(meta, "annotations"), path + ".annotations"));
        return errs;
    }
}
