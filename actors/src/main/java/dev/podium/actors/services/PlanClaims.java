package dev.podium.actors.services;

import dev.podium.actors.services.Allocation;
import dev.podium.actors.services.AllocationClaims;
import dev.podium.actors.services.AllocationClaims.Outcome;
import dev.podium.actors.services.Claim;
import dev.podium.actors.services.ServiceAllocations;
import dev.podium.actors.services.ServiceRef;
import dev.podium.model.api.ApiError;
import dev.podium.model.api.ApiException;
import dev.podium.model.api.Cause;
import dev.podium.persistence.watch.CachedObject;
import dev.podium.persistence.watch.WatchCache;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;

/**
 * Claims what a {@link ServiceAllocationPlan} asks for, one claim at a time: the values the
 * write names (422 when another Service holds one), then a free random value for each unset
 * field, skipping what this member already knows to be held. If any step fails, the claims made
 * so far are undone before the failure is passed on.
 */
final class PlanClaims {
    private static final int CLAIM_ATTEMPTS = 32;
    private static final int CANDIDATE_DRAWS = 100_000;
    private final AllocationClaims claims;
    private final WatchCache cache;
    private final RandomGenerator random;

    /** What one write claimed: the picks by field, and every claim made (so exactly these can be undone). */
    record Made(Map<ServiceAllocationPlan.Unset, Allocation> picks, List<Outcome.Claimed> claims) {}

    PlanClaims(AllocationClaims claims, WatchCache cache, RandomGenerator random) {
        this.claims = claims;
        this.cache = cache;
        this.random = random;
    }

    CompletionStage<Made> claim(ServiceAllocationPlan plan) {
        List<Cause> outOfRange = plan.outOfRange();
        if (!outOfRange.isEmpty()) return CompletableFuture.failedFuture(invalid(plan.service(), outOfRange));
        Map<Allocation, ServiceRef> known = knownHolders();
        for (ServiceAllocationPlan.Requested r : plan.requested()) {
            ServiceRef holder = known.get(r.allocation());
            if (holder != null && !holder.equals(plan.service())) return CompletableFuture.failedFuture(invalid(plan.service(), List.of(r.taken())));
        }
        Made made = new Made(new HashMap<>(), new ArrayList<>());
        CompletionStage<Made> claimed = claimRequested(plan, plan.requested().iterator(), made)
                .thenCompose(v -> pickEach(plan.service(), plan.unset().iterator(), known, made))
                .thenApply(v -> made);
        return claimed.handle((ok, failure) -> failure == null ? CompletableFuture.completedFuture(ok)
                        : undo(made).thenCompose(v -> CompletableFuture.<Made>failedFuture(unwrap(failure))))
                .thenCompose(f -> f);
    }

    CompletionStage<Void> undo(Made made) {
        return CompletableFuture.allOf(made.claims().stream().map(c -> claims.delete(c.allocation(), c.seqNr()).toCompletableFuture())
                .toArray(CompletableFuture[]::new));
    }

    private CompletionStage<Void> claimRequested(ServiceAllocationPlan plan, Iterator<ServiceAllocationPlan.Requested> requested, Made made) {
        if (!requested.hasNext()) return CompletableFuture.completedFuture(null);
        ServiceAllocationPlan.Requested r = requested.next();
        return claims.claim(r.allocation(), plan.service()).thenCompose(outcome -> {
            if (outcome instanceof Outcome.Taken) throw invalid(plan.service(), List.of(r.taken()));
            made.claims().add((Outcome.Claimed) outcome);
            return claimRequested(plan, requested, made);
        });
    }

    private CompletionStage<Void> pickEach(ServiceRef service, Iterator<ServiceAllocationPlan.Unset> unset, Map<Allocation, ServiceRef> known,
                                           Made made) {
        if (!unset.hasNext()) return CompletableFuture.completedFuture(null);
        ServiceAllocationPlan.Unset field = unset.next();
        return pick(service, field, known, made, CLAIM_ATTEMPTS).thenCompose(picked -> {
            made.picks().put(field, picked);
            return pickEach(service, unset, known, made);
        });
    }

    /** Random candidates this member does not know to be held, until a claim succeeds. */
    private CompletionStage<Allocation> pick(ServiceRef service, ServiceAllocationPlan.Unset field, Map<Allocation, ServiceRef> known,
                                             Made made, int attempts) {
        Optional<Allocation> candidate = attempts == 0 ? Optional.empty()
                : Stream.generate(() -> field.candidate(random)).limit(CANDIDATE_DRAWS).filter(c -> !known.containsKey(c)).findFirst();
        if (candidate.isEmpty()) throw invalid(service, List.of(field.exhausted()));
        Allocation tried = candidate.get();
        known.put(tried, service);
        return claims.claim(tried, service).thenCompose(outcome -> {
            if (outcome instanceof Outcome.Claimed claimed) {
                made.claims().add(claimed);
                return CompletableFuture.completedFuture(tried);
            }
            return pick(service, field, known, made, attempts - 1);
        });
    }

    /**
     * Who holds what, as this member's cache shows it: the claims, and the Services' own fields,
     * which also cover Services stored before claims existed until the repair loop claims for them.
     */
    private Map<Allocation, ServiceRef> knownHolders() {
        Map<Allocation, ServiceRef> known = new HashMap<>();
        for (CachedObject s : cache.list("Service", null, o -> true, 0, null).items()) {
            ServiceRef ref = ServiceRef.of(s.object());
            for (Allocation a : ServiceAllocations.heldBy(s.object())) known.put(a, ref);
        }
        for (Claim c : Claim.inCache(cache)) known.put(c.allocation(), c.holder());
        return known;
    }

    private static ApiException invalid(ServiceRef service, List<Cause> causes) {
        return new ApiException(ApiError.invalid("", "Service", service.name(), causes));
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }
}
