package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.validation.JsonCompare;
import dev.podium.model.validation.Nodes;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The selector kube generates for a Job when it is created (the registry's PrepareForCreate):
 * it needs the job's uid, so the entity calls {@link #generate} after assigning metadata.uid
 * and defaulting, before validation.
 */
public final class JobSelectors {
    public static final String CONTROLLER_UID = "batch.kubernetes.io/controller-uid";
    public static final String JOB_NAME = "batch.kubernetes.io/job-name";
    public static final String LEGACY_CONTROLLER_UID = "controller-uid";
    public static final String LEGACY_JOB_NAME = "job-name";

    private JobSelectors() {}

    /**
     * Unless spec.manualSelector is true: adds the four job labels to the pod template where
     * absent, and {@code batch.kubernetes.io/controller-uid: <uid>} to spec.selector.matchLabels
     * (creating the selector) where absent. Labels the user set differently are left for
     * validation to reject.
     */
    public static void generate(ObjectNode job) {
        ObjectNode spec = Nodes.child(job, "spec");
        if (Nodes.bool(spec, "manualSelector")) return;
        ObjectNode meta = Nodes.child(job, "metadata");
        ObjectNode templateMeta = Nodes.child(Nodes.child(spec, "template"), "metadata");
        ObjectNode templateLabels = Nodes.child(templateMeta, "labels");
        // Defaulting made the job's labels the template's labels, the same Go map in kube, so what
        // is added to the template shows up on the job too.
        ObjectNode jobLabels = Nodes.obj(meta, "labels");
        boolean shared = jobLabels != null && !jobLabels.isEmpty() && JsonCompare.semanticEquals(jobLabels, templateLabels);
        for (Map.Entry<String, String> e : generatedLabels(job).entrySet()) {
            if (templateLabels.has(e.getKey())) continue;
            templateLabels.put(e.getKey(), e.getValue());
            if (shared) jobLabels.put(e.getKey(), e.getValue());
        }
        ObjectNode matchLabels = Nodes.child(Nodes.child(spec, "selector"), "matchLabels");
        if (!matchLabels.has(CONTROLLER_UID)) matchLabels.put(CONTROLLER_UID, Nodes.str(meta, "uid"));
    }

    /** The labels a job's pods carry so that its generated selector finds them, in key order. */
    static Map<String, String> generatedLabels(JsonNode job) {
        JsonNode meta = job.get("metadata");
        String uid = Nodes.str(meta, "uid");
        String name = Nodes.str(meta, "name");
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(CONTROLLER_UID, uid);
        labels.put(JOB_NAME, name);
        labels.put(LEGACY_CONTROLLER_UID, uid);
        labels.put(LEGACY_JOB_NAME, name);
        return labels;
    }
}
