package dev.podium.actors.services;

import dev.podium.actors.objects.ObjectClient;
import dev.podium.actors.objects.ObjectEntity;
import dev.podium.persistence.watch.WatchCache;
import dev.podium.actors.objects.ObjectCommand;
import dev.podium.actors.objects.ObjectReply;
import dev.podium.model.api.ApiError;
import dev.podium.model.api.ApiException;
import dev.podium.model.kinds.ResourceKind;

import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Claims and releases allocations by creating and deleting their claim objects through the
 * entities. Releases are best effort: whatever a failed release leaves behind, the repair loop
 * ({@link AllocationRepair}) deletes once its Service no longer uses it.
 */
public final class AllocationClaims {
    /** What a claim attempt found. */
    public sealed interface Outcome {
        /** Created by this attempt; {@code seqNr} lets exactly this claim be undone. */
        record Claimed(Allocation allocation, long seqNr) implements Outcome {}

        record Taken(Allocation allocation) implements Outcome {}
    }

    /** A release is best effort: the cache normally shows it within milliseconds, and nothing is lost if it does not in time. */
    private static final long WAIT_FOR_CACHE_MILLIS = 1_000;
    private final ObjectClient objects;
    private final WatchCache cache;

    /** {@code cache}: deletes complete once it shows them, so whoever answers after a release does not show the claim again. */
    public AllocationClaims(ObjectClient objects, WatchCache cache) {
        this.objects = objects;
        this.cache = cache;
    }

    /** Creates the claim object; one that exists already, whoever holds it, means taken. */
    public CompletionStage<Outcome> claim(Allocation allocation, ServiceRef holder) {
        return objects.ask(allocation.claimKind(), allocation.claimId(), r -> new ObjectCommand.Create(allocation.claimFor(holder), false, r))
                .thenApply(reply -> {
                    if (reply instanceof ObjectReply.Done done) return new Outcome.Claimed(allocation, done.seqNr());
                    ApiError error = ((ObjectReply.Rejected) reply).error();
                    if (error.reason().equals("AlreadyExists")) return new Outcome.Taken(allocation);
                    throw new ApiException(error);
                });
    }

    /** Deletes the claim object if it is still the version {@code seqNr}: a claim made anew since is left alone. */
    public CompletionStage<Void> delete(Allocation allocation, long seqNr) {
        return bestEffort(objects.ask(allocation.claimKind(), allocation.claimId(),
                r -> new ObjectCommand.Delete(seqNr, "", ObjectCommand.Delete.DEFAULT_GRACE, false, r)).thenCompose(reply ->
                reply instanceof ObjectReply.Done done
                        ? cache.awaitApplied(ObjectEntity.persistenceId(allocation.claimKind(), allocation.claimId()), done.seqNr(), WAIT_FOR_CACHE_MILLIS)
                        : CompletableFuture.completedFuture(null)));
    }

    /** Deletes the claim object if {@code holder} holds it. */
    public CompletionStage<Void> release(Allocation allocation, ServiceRef holder) {
        return bestEffort(objects.ask(allocation.claimKind(), allocation.claimId(), ObjectCommand.Get::new).thenCompose(reply -> {
            if (reply instanceof ObjectReply.Done found && Claim.holderOf(allocation, found.object()).filter(holder::equals).isPresent()) {
                return delete(allocation, found.seqNr());
            }
            return CompletableFuture.completedFuture(null);
        }));
    }

    public CompletionStage<Void> releaseAll(Collection<Allocation> allocations, ServiceRef holder) {
        return CompletableFuture.allOf(allocations.stream().map(a -> release(a, holder).toCompletableFuture()).toArray(CompletableFuture[]::new));
    }

    /** After a delete: when it removed a Service, releases everything the Service held. */
    public CompletionStage<Void> releaseIfServiceDeleted(ResourceKind kind, ObjectReply reply) {
        if (!kind.entityTypeName().equals("Service") || !(reply instanceof ObjectReply.Done done) || done.outcome() != ObjectReply.Outcome.DELETED) {
            return CompletableFuture.completedFuture(null);
        }
        return releaseAll(ServiceAllocations.heldBy(done.object()), ServiceRef.of(done.object()));
    }

    private static CompletionStage<Void> bestEffort(CompletionStage<?> stage) {
        return stage.handle((r, t) -> null);
    }
}
