package dev.podium.actors.controllers.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.controllers.Action;
import dev.podium.actors.controllers.Observed;
import dev.podium.actors.controllers.Plan;
import dev.podium.actors.controllers.Reconciler;
import dev.podium.model.crd.CustomResourceKinds;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.KindRules;
import dev.podium.model.kinds.ResourceKind;

import java.util.List;

/**
 * A CustomResourceDefinition keeps its status (names accepted, established, stored versions);
 * once it is being deleted, it deletes every object of its kind and then lets itself go by
 * removing its cleanup finalizer. Deleted objects tell it ({@code Notification.ToDefinition}).
 */
public final class DefinitionReconciler implements Reconciler {
    public static final String CLEANUP_FINALIZER = "customresourcecleanup.apiextensions.k8s.io";

    @Override
    public List<ResourceKind> ownedKinds() {
        return List.of();
    }

    @Override
    public Plan reconcile(Observed observed) {
        ObjectNode crd = observed.owner();
        Plan.Builder plan = new Plan.Builder();
        boolean terminating = crd.path("metadata").has("deletionTimestamp");
        String type = CustomResourceKinds.entityTypeName(crd);
        List<ObjectNode> instances = terminating ? observed.reads().list(type) : List.of();
        ObjectNode status = DefinitionStatus.of(crd, observed.reads().list(CustomResourceKinds.DEFINITION), instances.size(), observed.now());
        if (!status.equals(crd.path("status"))) plan.add(new Action.UpdateStatus(status));
        if (!terminating) return plan.build();
        ResourceKind kind = storageKind(crd);
        for (ObjectNode o : instances) {
            if (o.path("metadata").has("deletionTimestamp")) continue;
            String key = kind.namespaced() ? o.path("metadata").path("namespace").asText() + "/" + o.path("metadata").path("name").asText()
                    : o.path("metadata").path("name").asText();
            plan.add(new Action.Delete(kind, key, o.path("metadata").path("uid").asText(), "Background"));
        }
        if (instances.isEmpty() && hasCleanupFinalizer(crd)) plan.add(new Action.PatchOwner(withoutCleanupFinalizer(crd), true));
        return plan.build();
    }

    private static ResourceKind storageKind(ObjectNode crd) {
        String storage = CustomResourceKinds.storageVersion(crd);
        return CustomResourceKinds.versions(crd, (c, v) -> KindRules.NONE).stream().filter(k -> k.version().equals(storage)).findFirst().orElseThrow();
    }

    private static boolean hasCleanupFinalizer(ObjectNode crd) {
        for (JsonNode f : crd.path("metadata").path("finalizers")) if (f.asText().equals(CLEANUP_FINALIZER)) return true;
        return false;
    }

    private static ObjectNode withoutCleanupFinalizer(ObjectNode crd) {
        ObjectNode patch = Json.object();
        ArrayNode kept = patch.putObject("metadata").putArray("finalizers");
        for (JsonNode f : crd.path("metadata").path("finalizers")) if (!f.asText().equals(CLEANUP_FINALIZER)) kept.add(f.asText());
        return patch;
    }
}
