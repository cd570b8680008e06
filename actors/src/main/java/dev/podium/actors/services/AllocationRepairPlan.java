package dev.podium.actors.services;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the allocation repair loop does, decided from the Services and claims one cache shows
 * (pure). As kube's repair controllers: claims whose Service is gone or no longer uses them are
 * released, and allocations a Service uses without a claim (it was stored before claims existed,
 * or its claim was deleted) are claimed for it.
 */
public final class AllocationRepairPlan {
    public sealed interface Action {
        /** Delete the claim object if it is still version {@code seqNr}. */
        record Release(Allocation allocation, ServiceRef holder, long seqNr) implements Action {}

        record Claim(Allocation allocation, ServiceRef holder) implements Action {}

        /** Two Services use one allocation; kube reports it and leaves both alone. */
        record Conflict(Allocation allocation, ServiceRef claimedBy, ServiceRef alsoUsedBy) implements Action {}
    }

    private AllocationRepairPlan() {}

    /**
     * {@code minAge}: a claim younger than this may belong to a write in flight, whose Service is
     * not stored yet (claims are made before the write), so it is not released yet.
     */
    public static List<Action> plan(List<? extends JsonNode> services, List<Claim> claims, Instant now, Duration minAge) {
        Map<ServiceRef, Set<Allocation>> used = new LinkedHashMap<>();
        for (JsonNode s : services) used.put(ServiceRef.of(s), ServiceAllocations.heldBy(s));
        List<Action> actions = new ArrayList<>();
        Map<Allocation, ServiceRef> claimedBy = new HashMap<>();
        for (Claim c : claims) {
            claimedBy.put(c.allocation(), c.holder());
            boolean inUse = used.getOrDefault(c.holder(), Set.of()).contains(c.allocation());
            if (!inUse && !c.created().plus(minAge).isAfter(now)) actions.add(new Action.Release(c.allocation(), c.holder(), c.seqNr()));
        }
        used.forEach((service, allocations) -> {
            for (Allocation a : allocations) {
                ServiceRef holder = claimedBy.putIfAbsent(a, service);
                if (holder == null) actions.add(new Action.Claim(a, service));
                else if (!holder.equals(service) && used.getOrDefault(holder, Set.of()).contains(a)) actions.add(new Action.Conflict(a, holder, service));
            }
        });
        return actions;
    }
}
