package dev.podium.model.kinds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.validation.JsonCompare;

/**
 * When an update bumps metadata.generation beyond a spec change, which the entity already
 * counts for kinds with a status subresource.
 */
public final class Generations {
    private Generations() {}

    /**
     * A Deployment's generation also moves when its annotations change, because the controller
     * copies them to the ReplicaSets (kube's deployment strategy PrepareForUpdate).
     */
    public static boolean annotationChangeBumpsGeneration(ResourceKind kind, ObjectNode oldObj, ObjectNode newObj) {
        if (!kind.entityTypeName().equals("Deployment.apps")) return false;
        return !JsonCompare.semanticEquals(oldObj.path("metadata").get("annotations"), newObj.path("metadata").get("annotations"));
    }
}
