package dev.podium.actors.controllers.volume;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.controllers.Action;
import dev.podium.actors.controllers.Observed;
import dev.podium.actors.controllers.Plan;
import dev.podium.actors.controllers.Reconciler;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.model.validation.Quantities;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A PersistentVolumeClaim's binding (kube's PV controller, claim side): a pending claim is bound
 * to an Available PersistentVolume of its class that is large enough and offers its access modes,
 * or, when its class is the built-in local one, to a new hostPath volume the provisioner makes
 * under the member's volume root; a bound claim shows phase Bound with the volume's capacity.
 */
public final class ClaimBinder implements Reconciler {
    static final ResourceKind PV = KindRegistry.get("PersistentVolume");
    static final ResourceKind PVC = KindRegistry.get("PersistentVolumeClaim");
    private final Path volumeRoot;

    public ClaimBinder(Path volumeRoot) {
        this.volumeRoot = volumeRoot;
    }

    @Override
    public List<ResourceKind> ownedKinds() {
        return List.of();
    }

    @Override
    public Plan reconcile(Observed observed) {
        ObjectNode claim = observed.owner();
        Plan.Builder plan = new Plan.Builder();
        if (claim.path("metadata").has("deletionTimestamp")) return plan.build();
        String uid = claim.path("metadata").path("uid").asText();
        String volumeName = claim.path("spec").path("volumeName").asText("");
        ObjectNode status = Json.object();
        if (!volumeName.isEmpty()) {
            Optional<ObjectNode> pv = observed.reads().get(PV.entityTypeName(), volumeName);
            if (pv.isPresent() && uid.equals(pv.get().path("spec").path("claimRef").path("uid").asText())) {
                status.put("phase", "Bound");
                status.set("accessModes", pv.get().path("spec").path("accessModes").deepCopy());
                status.set("capacity", pv.get().path("spec").path("capacity").deepCopy());
                if (!"Bound".equals(pv.get().path("status").path("phase").asText())) {
                    plan.add(new Action.PatchStatus(PV, volumeName, Json.object().set("status", Json.object().put("phase", "Bound"))));
                }
            } else if (pv.isEmpty() && "Bound".equals(claim.path("status").path("phase").asText())) {
                status.put("phase", "Lost");
            } else {
                // a volume made a moment ago may not be in the cache yet
                status.put("phase", "Pending");
                plan.requeue(Duration.ofSeconds(1));
            }
        } else {
            status.put("phase", "Pending");
            Optional<ObjectNode> available = observed.reads().list(PV.entityTypeName()).stream().filter(pv -> fits(pv, claim)).findFirst();
            if (available.isPresent()) {
                bind(plan, claim, available.get());
            } else if (LocalVolumes.PROVISIONER.equals(provisioner(observed, claim))) {
                ObjectNode pv = provision(claim);
                plan.add(new Action.Create(PV, pv, false));
                bind(plan, claim, pv);
            }
        }
        if (!status.equals(claim.path("status"))) plan.add(new Action.UpdateStatus(status));
        return plan.build();
    }

    private static String provisioner(Observed observed, JsonNode claim) {
        String className = claim.path("spec").path("storageClassName").asText("");
        if (className.isEmpty()) return "";
        return observed.reads().get("StorageClass.storage.k8s.io", className).map(c -> c.path("provisioner").asText()).orElse("");
    }

    /** Points the volume at the claim (if it is still Available) and the claim at the volume. */
    private static void bind(Plan.Builder plan, ObjectNode claim, ObjectNode pv) {
        String name = pv.path("metadata").path("name").asText();
        if (!pv.path("spec").has("claimRef")) {
            ObjectNode patch = Json.object();
            patch.putObject("spec").set("claimRef", claimRef(claim));
            plan.add(new Action.Patch(PV, name, 0, patch));
        }
        ObjectNode patch = Json.object();
        patch.putObject("spec").put("volumeName", name);
        plan.add(new Action.PatchOwner(patch));
    }

    /** An Available volume of the claim's class, not promised to another claim, as large as asked and offering every access mode asked for. */
    static boolean fits(JsonNode pv, JsonNode claim) {
        JsonNode ref = pv.path("spec").path("claimRef");
        if (!ref.isMissingNode() && !claim.path("metadata").path("uid").asText().equals(ref.path("uid").asText())) return false;
        if (pv.path("metadata").has("deletionTimestamp") || "Released".equals(pv.path("status").path("phase").asText())) return false;
        if (!pv.path("spec").path("storageClassName").asText("").equals(claim.path("spec").path("storageClassName").asText(""))) return false;
        for (JsonNode mode : claim.path("spec").path("accessModes")) {
            boolean offered = false;
            for (JsonNode m : pv.path("spec").path("accessModes")) offered |= m.equals(mode);
            if (!offered) return false;
        }
        String want = claim.path("spec").path("resources").path("requests").path("storage").asText("0");
        String have = pv.path("spec").path("capacity").path("storage").asText("0");
        return Quantities.parse(have).compareTo(Quantities.parse(want)) >= 0;
    }

    /** A hostPath volume for the claim under the volume root, of the size and modes asked, deleted with the claim unless the class says Retain. */
    private ObjectNode provision(ObjectNode claim) {
        String uid = claim.path("metadata").path("uid").asText();
        String namespace = claim.path("metadata").path("namespace").asText();
        String name = claim.path("metadata").path("name").asText();
        ObjectNode pv = Json.object();
        pv.put("apiVersion", "v1").put("kind", "PersistentVolume");
        ObjectNode meta = pv.putObject("metadata");
        meta.put("name", "pvc-" + uid);
        meta.putObject("annotations").put(LocalVolumes.PROVISIONED_BY, LocalVolumes.PROVISIONER);
        ObjectNode spec = pv.putObject("spec");
        spec.putObject("capacity").set("storage", claim.path("spec").path("resources").path("requests").path("storage"));
        ArrayNode modes = spec.putArray("accessModes");
        claim.path("spec").path("accessModes").forEach(modes::add);
        spec.put("persistentVolumeReclaimPolicy", "Delete");
        spec.put("storageClassName", claim.path("spec").path("storageClassName").asText());
        spec.put("volumeMode", claim.path("spec").path("volumeMode").asText("Filesystem"));
        spec.putObject("hostPath").put("path", volumeRoot.resolve(namespace).resolve(name).toString()).put("type", "DirectoryOrCreate");
        spec.set("claimRef", claimRef(claim));
        return pv;
    }

    private static ObjectNode claimRef(JsonNode claim) {
        return Json.object().put("apiVersion", "v1").put("kind", "PersistentVolumeClaim")
                .put("namespace", claim.path("metadata").path("namespace").asText()).put("name", claim.path("metadata").path("name").asText())
                .put("uid", claim.path("metadata").path("uid").asText());
    }
}
