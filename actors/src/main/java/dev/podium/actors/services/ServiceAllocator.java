package dev.podium.actors.services;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.objects.ObjectClient;
import dev.podium.actors.objects.ObjectCommand;
import dev.podium.actors.objects.ObjectReply;
import dev.podium.actors.services.AllocationClaims;
import dev.podium.actors.services.ServiceRef;
import dev.podium.model.api.ApiError;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.persistence.watch.WatchCache;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.japi.function.Function;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.random.RandomGenerator;

/**
 * Cluster IPs (10.96.0.0/12) and node ports (30000-32767) for Services, safe across API servers.
 * Each allocation is claimed by creating an object through its own entity, the single writer
 * for that name: a cluster IP is a networking.k8s.io/v1 IPAddress named by the IP with the
 * Service as parentRef, as kube's MultiCIDRServiceAllocator does; a node port is a Lease
 * {@code kube-system/nodeport-<port>} held by {@code services/<ns>/<name>}, because kube keeps
 * node ports in a bitmap that is no API object, and one claim object per port (like one
 * IPAddress per IP) keeps allocations on different ports from contending. A create that finds
 * the claim existing is refused AlreadyExists: a random pick tries another candidate, a
 * requested value is a 422.
 *
 * <p>A Service write (create, update, patch, apply) first runs as a dry run, which gives the
 * Service exactly as the entity would store it; {@link ServiceAllocationPlan} compares it with
 * the stored one. The new allocations are claimed, the write is sent with the picked values
 * filled in and pinned to the version the dry run saw, then what the Service no longer holds is
 * released. A write that fails after claiming releases what it claimed; one that lost a race
 * (the Service changed, or was created, meanwhile) starts over, unless the client gave a
 * resourceVersion. What a crash or a write of unknown outcome (a timeout) leaves claimed is
 * released by {@code AllocationRepair} once no Service uses it.
 */
public final class ServiceAllocator {
    private static final ResourceKind SERVICE = KindRegistry.get("Service");
    private static final int RACE_RETRIES = 5;
    private final ObjectClient objects;
    private final AllocationClaims claims;
    private final PlanClaims planClaims;

    /** A write as the command to send, given the precondition and whether it is a dry run. */
    public interface Write {
        Function<ActorRef<ObjectReply>, ObjectCommand> command(long expectedSeqNr, boolean dryRun);
    }

    public ServiceAllocator(ObjectClient objects, WatchCache cache, RandomGenerator random) {
        this.objects = objects;
        this.claims = new AllocationClaims(objects, cache);
        this.planClaims = new PlanClaims(claims, cache, random);
    }

    /** Creates, updates or patches the Service {@code id}; {@code expectedSeqNr} is the client's precondition (0 for none). */
    public CompletionStage<ObjectReply> write(String id, long expectedSeqNr, Write write) {
        return run(new Attempt(id, expectedSeqNr, write, RACE_RETRIES));
    }

    /** After a delete of a Service: releases what it held once it is gone. */
    public CompletionStage<ObjectReply> deleted(ObjectReply reply) {
        return claims.releaseIfServiceDeleted(SERVICE, reply).thenApply(v -> reply);
    }

    /** One try of a write; one that lost a race is tried again. */
    private record Attempt(String id, long expectedSeqNr, Write write, int retriesLeft) {
        /**
         * After a lost race (the Service changed after it was read, or was created after the dry
         * run), unless the client's own resourceVersion is what failed.
         */
        boolean mayRetry() {
            return expectedSeqNr == 0 && retriesLeft > 0;
        }

        Attempt next() {
            return new Attempt(id, expectedSeqNr, write, retriesLeft - 1);
        }
    }

    private CompletionStage<ObjectReply> run(Attempt attempt) {
        return objects.ask(SERVICE, attempt.id(), ObjectCommand.Get::new).thenCompose(found -> {
            ObjectReply.Done stored = found instanceof ObjectReply.Done d ? d : null;
            long pinned = attempt.expectedSeqNr() != 0 ? attempt.expectedSeqNr() : stored == null ? 0 : stored.seqNr();
            return objects.ask(SERVICE, attempt.id(), attempt.write().command(pinned, true)).thenCompose(dry -> {
                if (dry instanceof ObjectReply.Rejected rejected) return retryIf(isStale(rejected), attempt, rejected);
                ObjectReply.Done preview = (ObjectReply.Done) dry;
                if (preview.outcome() == ObjectReply.Outcome.UNCHANGED) return CompletableFuture.completedFuture(dry);
                if (preview.outcome() == ObjectReply.Outcome.DRY_RUN_CREATED) return store(attempt, null, preview);
                if (stored == null || stored.seqNr() != preview.seqNr()) {
                    // the Service changed between the read and the dry run: what it held before is unknown
                    return retryIf(true, attempt, new ObjectReply.Rejected(stale(ServiceRef.of(preview.object()).name())));
                }
                return store(attempt, stored.object(), preview);
            });
        });
    }

    /**
     * Claims what the write needs, sends it with the picks filled in (a create, or an update
     * pinned to the version the dry run saw), then releases what the Service no longer holds;
     * a write that failed undoes its claims instead.
     */
    private CompletionStage<ObjectReply> store(Attempt attempt, ObjectNode before, ObjectReply.Done preview) {
        ServiceAllocationPlan plan = ServiceAllocationPlan.of(before, preview.object());
        return planClaims.claim(plan).thenCompose(made -> {
            ObjectNode filled = plan.filled(preview.object(), made.picks());
            return objects.ask(SERVICE, attempt.id(), before == null
                    ? r -> new ObjectCommand.Create(filled, false, r)
                    : r -> new ObjectCommand.Update(filled, preview.seqNr(), false, false, r)).thenCompose(reply -> {
                if (reply instanceof ObjectReply.Rejected rejected) {
                    boolean raced = isStale(rejected) || rejected.error().reason().equals("AlreadyExists");
                    return planClaims.undo(made).thenCompose(v -> retryIf(raced, attempt, rejected));
                }
                ObjectReply.Done done = (ObjectReply.Done) reply;
                return claims.releaseAll(plan.released(done.object(), done.outcome() == ObjectReply.Outcome.DELETED), plan.service())
                        .thenApply(v -> reply);
            });
        });
    }

    private CompletionStage<ObjectReply> retryIf(boolean raced, Attempt attempt, ObjectReply.Rejected rejected) {
        if (raced && attempt.mayRetry()) return run(attempt.next());
        return CompletableFuture.completedFuture(rejected);
    }

    private static boolean isStale(ObjectReply.Rejected rejected) {
        ApiError.Details details = rejected.error().details();
        return details != null && rejected.error().equals(stale(details.name()));
    }

    private static ApiError stale(String name) {
        return ApiError.staleVersion("", SERVICE.plural(), name);
    }
}
