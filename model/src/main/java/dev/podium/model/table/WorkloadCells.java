package dev.podium.model.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** Cells the workload printers share: the wide CONTAINERS, IMAGES and SELECTOR columns and READY counts. */
final class WorkloadCells {
    static final String CONTAINERS_DESCRIPTION = "Names of each container in the template.";
    static final String IMAGES_DESCRIPTION = "Images referenced by each container in the template.";
    static final String SELECTOR_DESCRIPTION = "A label query over pods that should match the replica count. "
            + "Label keys and values that must match in order to be controlled by this replica set. "
            + "It must match the pod template's labels. "
            + "More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors";

    private WorkloadCells() {}

    static Column containersColumn() {
        return Column.wide("Containers", CONTAINERS_DESCRIPTION);
    }

    static Column imagesColumn() {
        return Column.wide("Images", IMAGES_DESCRIPTION);
    }

    static Column selectorColumn() {
        return Column.wide("Selector", SELECTOR_DESCRIPTION);
    }

    /** kube's layoutContainerCells: names, comma-joined. */
    static String containers(JsonNode template) {
        return join(template, "name");
    }

    static String images(JsonNode template) {
        return join(template, "image");
    }

    /** "&lt;ready&gt;/&lt;desired&gt;", as the Deployment and StatefulSet READY cells. */
    static String readyOfDesired(JsonNode obj) {
        return Fields.number(obj, "status", "readyReplicas") + "/" + Fields.number(obj, "spec", "replicas");
    }

    private static String join(JsonNode template, String field) {
        List<String> out = new ArrayList<>();
        for (JsonNode c : Fields.list(template, "spec", "containers")) out.add(Fields.text(c, field));
        return String.join(",", out);
    }
}
