package dev.podium.actors.scheduler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.validation.Nodes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * kube's DefaultPreemption, without PodDisruptionBudgets: on each node where the failure is not
 * unresolvable, evict every lower-priority pod, check the pod then fits, and give back
 * (most important first) every victim it still fits beside. Of the nodes that work, pick the one
 * whose most important victim is least important, then the lowest priority sum, then the fewest
 * victims, then the first by name.
 */
public final class Preemption {
    public static final String NOT_HELPFUL = "Preemption is not helpful for scheduling";
    public static final String NO_VICTIMS = "No preemption victims found for incoming pod";
    public static final String NEVER = "not eligible due to preemptionPolicy=Never.";

    private final Profile profile;
    private final ToIntFunction<ObjectNode> priorityOf;

    /**
     * What preemption found: a nomination, or the message kube shows after "preemption: ".
     * {@code nodeStatuses} holds why each node could not host the pod even with evictions.
     */
    public record Outcome(Optional<ScheduleResult.Nomination> nomination, String message, Map<String, FilterResult> nodeStatuses) {}

    public Preemption(Profile profile, ToIntFunction<ObjectNode> priorityOf) {
        this.profile = profile;
        this.priorityOf = priorityOf;
    }

    /** With the default profile: filters every node, then preempts. */
    public static Outcome findVictims(ObjectNode pod, ClusterSnapshot snapshot, ToIntFunction<ObjectNode> priorityOf) {
        Profile profile = Profile.defaults();
        Map<String, FilterResult> statuses = new LinkedHashMap<>();
        for (NodeInfo n : snapshot.nodes()) statuses.put(n.name(), profile.runFilters(pod, n, snapshot));
        return new Preemption(profile, priorityOf).preempt(pod, snapshot, statuses);
    }

    /** {@code statuses}: each node's filter result for the pod (successes are not preemption candidates). */
    public Outcome preempt(ObjectNode pod, ClusterSnapshot snapshot, Map<String, FilterResult> statuses) {
        if ("Never".equals(Nodes.str(Pods.spec(pod), "preemptionPolicy"))) return new Outcome(Optional.empty(), NEVER, Map.of());
        int priority = priorityOf.applyAsInt(pod);
        Map<String, FilterResult> outcome = new LinkedHashMap<>();
        List<Candidate> candidates = new ArrayList<>();
        for (NodeInfo node : snapshot.nodes()) {
            FilterResult status = statuses.getOrDefault(node.name(), FilterResult.success());
            if (status.isSuccess() || status.code() == FilterResult.Code.UNRESOLVABLE) {
                outcome.put(node.name(), FilterResult.unresolvable(NOT_HELPFUL));
                continue;
            }
            Verdict v = selectVictims(pod, priority, node, snapshot);
            if (v instanceof Candidate c) candidates.add(c);
            else if (v instanceof Refused r) outcome.put(node.name(), r.status());
        }
        if (candidates.isEmpty()) {
            return new Outcome(Optional.empty(), FitError.message(snapshot.numNodes(), outcome.values()), outcome);
        }
        Candidate best = candidates.stream().min(Comparator
                .comparingLong((Candidate c) -> c.highestPriority)
                .thenComparingLong(c -> c.prioritySum)
                .thenComparingInt(c -> c.victims.size())
                .thenComparing(c -> c.nodeName)).orElseThrow();
        return new Outcome(Optional.of(new ScheduleResult.Nomination(best.nodeName, best.victims)), "", outcome);
    }

    private sealed interface Verdict permits Candidate, Refused {}

    private record Candidate(String nodeName, List<ObjectNode> victims, long highestPriority, long prioritySum) implements Verdict {}

    /** Why evicting pods cannot make this node fit. */
    private record Refused(FilterResult status) implements Verdict {}

    private Verdict selectVictims(ObjectNode pod, int priority, NodeInfo node, ClusterSnapshot snapshot) {
        List<ObjectNode> lower = new ArrayList<>();
        for (ObjectNode p : node.pods()) if (priorityOf.applyAsInt(p) < priority) lower.add(p);
        if (lower.isEmpty()) return new Refused(FilterResult.unresolvable(NO_VICTIMS));
        NodeInfo stripped = node.without(lower);
        FilterResult fits = profile.runFilters(pod, stripped, snapshot.withNode(stripped));
        if (!fits.isSuccess()) return new Refused(fits);
        lower.sort(Comparator.comparingInt((ObjectNode p) -> priorityOf.applyAsInt(p)).reversed().thenComparing(Pods::key));
        List<ObjectNode> victims = new ArrayList<>();
        NodeInfo current = stripped;
        for (ObjectNode p : lower) {
            NodeInfo with = current.with(p);
            if (profile.runFilters(pod, with, snapshot.withNode(with)).isSuccess()) current = with;
            else victims.add(p);
        }
        if (victims.isEmpty()) {
            return new Refused(FilterResult.unschedulable("expected at least one victim pod on node \"" + node.name() + "\""));
        }
        long highest = Long.MIN_VALUE, sum = 0;
        for (ObjectNode v : victims) {
            int p = priorityOf.applyAsInt(v);
            highest = Math.max(highest, p);
            // kube offsets each priority by MaxInt32+1 so that, with negative priorities, fewer victims still sum lower.
            sum += p + (long) Integer.MAX_VALUE + 1;
        }
        return new Candidate(node.name(), victims, highest, sum);
    }
}
