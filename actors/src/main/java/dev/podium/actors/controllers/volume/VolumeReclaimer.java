package dev.podium.actors.controllers.volume;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.controllers.Action;
import dev.podium.actors.controllers.Observed;
import dev.podium.actors.controllers.Plan;
import dev.podium.actors.controllers.Reconciler;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.ResourceKind;

import java.util.List;
import java.util.Optional;

/**
 * A PersistentVolume's phase (kube's PV controller, volume side): Available without a claim,
 * Bound while the claim it names exists with that uid, and once the claim is gone deleted
 * (reclaim policy Delete) or Released (Retain).
 */
public final class VolumeReclaimer implements Reconciler {
    @Override
    public List<ResourceKind> ownedKinds() {
        return List.of();
    }

    @Override
    public Plan reconcile(Observed observed) {
        ObjectNode pv = observed.owner();
        Plan.Builder plan = new Plan.Builder();
        if (pv.path("metadata").has("deletionTimestamp")) return plan.build();
        JsonNode ref = pv.path("spec").path("claimRef");
        String phase;
        if (ref.isMissingNode()) {
            phase = "Available";
        } else {
            String claimKey = ref.path("namespace").asText() + "/" + ref.path("name").asText();
            Optional<ObjectNode> claim = observed.reads().get(ClaimBinder.PVC.entityTypeName(), claimKey);
            boolean claimed = claim.isPresent() && claim.get().path("metadata").path("uid").asText().equals(ref.path("uid").asText());
            if (claimed) {
                phase = claim.get().path("spec").path("volumeName").asText("").equals(pv.path("metadata").path("name").asText()) ? "Bound" : "Available";
            } else if ("Delete".equals(pv.path("spec").path("persistentVolumeReclaimPolicy").asText("Retain"))) {
                plan.add(new Action.DeleteOwnerOnceGone(ClaimBinder.PVC, claimKey, ref.path("uid").asText(), ""));
                return plan.build();
            } else {
                phase = "Released";
            }
        }
        ObjectNode status = Json.object().put("phase", phase);
        if (!status.equals(pv.path("status"))) plan.add(new Action.UpdateStatus(status));
        return plan.build();
    }
}
