package dev.podium.actors.disruption;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.objects.ObjectClient;
import dev.podium.actors.objects.ObjectCommand;
import dev.podium.actors.objects.ObjectEntity;
import dev.podium.actors.objects.ObjectReply;
import dev.podium.model.api.ApiError;
import dev.podium.model.api.ApiException;
import dev.podium.model.api.Cause;
import dev.podium.model.json.Times;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.model.patch.PatchType;
import dev.podium.model.selectors.LabelSelector;
import dev.podium.persistence.watch.CachedObject;
import dev.podium.persistence.watch.WatchCache;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Evictions, the pods/eviction subresource (what kubectl drain uses): deletes the pod gracefully unless a
 * PodDisruptionBudget selecting it allows no disruption now, which is a 429. As in Kubernetes,
 * the eviction is first recorded in the budget's status (the pod in {@code disruptedPods}, one
 * fewer {@code disruptionsAllowed}) with the budget's resourceVersion as precondition: every API
 * member sees the same record, and of two evictions racing for the last allowance on different
 * members, one gets a conflict, re-reads and is refused. A recorded pod counts as disrupted for
 * two minutes or until it is gone.
 */
public final class Evictions {
    private static final int CONFLICT_RETRIES = 5;
    private static final long WAIT_FOR_CACHE_MILLIS = 5_000;
    private static final ResourceKind PDB = KindRegistry.get("PodDisruptionBudget.policy");
    private static final ResourceKind POD = KindRegistry.get("Pod");
    private final WatchCache cache;
    private final ObjectClient objects;
    private final Clock clock;

    public Evictions(WatchCache cache, ObjectClient objects, Clock clock) {
        this.cache = cache;
        this.objects = objects;
        this.clock = clock;
    }

    /**
     * Evicts the pod {@code namespace/name}: the Pod entity's answer to the delete, or a failed
     * stage with an {@link ApiException} (404, 429 when the budget allows no disruption now).
     */
    public CompletionStage<ObjectReply> evict(String namespace, String name, long gracePeriodSeconds, boolean dryRun) {
        return attempt(namespace, name, gracePeriodSeconds, dryRun, 0);
    }

    private CompletionStage<ObjectReply> attempt(String namespace, String name, long grace, boolean dryRun, int conflicts) {
        String key = namespace + "/" + name;
        ObjectNode pod = cache.get("Pod", key).map(CachedObject::object)
                .orElseThrow(() -> new ApiException(ApiError.notFound("", "pods", name)));
        Optional<Budget> budget = canIgnoreBudget(pod) ? Optional.empty() : budgetOf(namespace, pod);
        if (budget.isPresent() && budget.get().allowed() <= 0) throw budget.get().violation();
        CompletionStage<Boolean> recorded = budget.isEmpty() || dryRun
                ? CompletableFuture.completedFuture(true) : record(budget.get(), name);
        return recorded.thenCompose(ok -> {
            if (!ok) {
                if (conflicts >= CONFLICT_RETRIES) throw new ApiException(tooManyRequests("the disruption budget is being updated by other evictions; try again"));
                return attempt(namespace, name, grace, dryRun, conflicts + 1);
            }
            String uid = pod.path("metadata").path("uid").asText();
            return objects.ask(POD, key, r -> new ObjectCommand.Delete(0, uid, grace, dryRun, r));
        });
    }

    /** The budget of the PodDisruptionBudget selecting the pod, as it stands now; more than one is refused, as kube does. */
    private Optional<Budget> budgetOf(String namespace, ObjectNode pod) {
        List<CachedObject> budgets = cache.list(PDB.entityTypeName(), namespace,
                o -> LabelSelector.fromObject(o.path("spec").path("selector")).matchesObject(pod), 0, null).items();
        if (budgets.size() > 1) {
            throw new ApiException(ApiError.internal("This pod has more than one PodDisruptionBudget, which the eviction subresource does not support."));
        }
        for (CachedObject pdb : budgets) {
            LabelSelector s = LabelSelector.fromObject(pdb.object().path("spec").path("selector"));
            List<CachedObject> selected = cache.list("Pod", namespace, p -> s.matchesObject(p), 0, null).items();
            ObjectNode disrupted = DisruptionBudgets.stillDisrupted(pdb.object(), selected.stream().map(CachedObject::object).toList(), clock.instant());
            int healthy = (int) selected.stream().map(CachedObject::object).filter(p -> DisruptionBudgets.healthy(p, disrupted)).count();
            return Optional.of(new Budget(pdb, healthy, DisruptionBudgets.desiredHealthy(pdb.object(), selected.size()), selected.size(), disrupted));
        }
        return Optional.empty();
    }

    private record Budget(CachedObject pdb, int healthy, int required, int expected, ObjectNode disrupted) {
        int allowed() {
            return healthy - required;
        }

        ApiException violation() {
            String pdbName = pdb.object().path("metadata").path("name").asText();
            return new ApiException(new ApiError(429, "TooManyRequests", "Cannot evict pod as it would violate the pod's disruption budget.",
                    new ApiError.Details("", "", "", List.of(new Cause("DisruptionBudget", null,
                            "The disruption budget " + pdbName + " needs " + required + " healthy pods and has " + healthy + " currently")), 10)));
        }
    }

    /**
     * Writes the eviction into the budget's status, conditional on the budget being unchanged
     * since it was read; completes false on a conflict, once this member's cache has the newer budget.
     */
    private CompletionStage<Boolean> record(Budget b, String podName) {
        ObjectNode disrupted = b.disrupted().deepCopy();
        disrupted.put(podName, Times.rfc3339(clock.instant()));
        ObjectNode status = JsonNodeFactory.instance.objectNode();
        status.put("observedGeneration", b.pdb().object().path("metadata").path("generation").asLong(1));
        status.set("disruptedPods", disrupted);
        status.put("disruptionsAllowed", b.allowed() - 1);
        status.put("currentHealthy", b.healthy() - 1);
        status.put("desiredHealthy", b.required());
        status.put("expectedPods", b.expected());
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        // a merge patch merges maps: name the entries that expired so they are removed
        b.pdb().object().path("status").path("disruptedPods").fieldNames().forEachRemaining(p -> {
            if (!disrupted.has(p)) disrupted.putNull(p);
        });
        patch.set("status", status);
        String id = b.pdb().key();
        return objects.ask(PDB, id, r -> new ObjectCommand.Patch(PatchType.MERGE_PATCH.name(), patch, b.pdb().seqNr(), true, "podium-eviction", false, false, r))
                .thenCompose(reply -> {
                    if (reply instanceof ObjectReply.Done done) {
                        return cache.awaitApplied(ObjectEntity.persistenceId(PDB, id), done.seqNr(), WAIT_FOR_CACHE_MILLIS).thenApply(rv -> true);
                    }
                    ApiError error = ((ObjectReply.Rejected) reply).error();
                    if (error.code() != 409) throw new ApiException(error);
                    // the budget's own next version, not the journal's: this member's cache must show the write that won
                    return cache.awaitApplied(ObjectEntity.persistenceId(PDB, id), b.pdb().seqNr() + 1, WAIT_FOR_CACHE_MILLIS)
                            .handle((rv, timedOut) -> false);
                });
    }

    private static ApiError tooManyRequests(String message) {
        return new ApiError(429, "TooManyRequests", message, new ApiError.Details("", "", "", List.of(), 1));
    }

    /** As kube: a pod that is not running (finished or still pending) or already being deleted disrupts nothing. */
    private static boolean canIgnoreBudget(JsonNode pod) {
        String phase = pod.path("status").path("phase").asText("Pending");
        return phase.equals("Succeeded") || phase.equals("Failed") || phase.equals("Pending") || pod.path("metadata").has("deletionTimestamp");
    }
}
