package dev.podium.actors.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.scheduler.plugins.Taint;
import dev.podium.model.validation.Nodes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Node with the pods assigned to it, as kube's framework.NodeInfo: {@code requested} sums the
 * pods' requests ({@code pods} is their count), {@code nonZeroRequested} the same with the scoring
 * defaults, {@code allocatable} comes from status.allocatable, falling back to status.capacity
 * per resource. The Node fields plugins read for every pod (labels, taints, spec.unschedulable)
 * are parsed once here, not per scheduling cycle; {@code affinityPods} are the pods with pod
 * (anti-)affinity terms.
 */
public record NodeInfo(String name, Map<String, String> labels, ObjectNode node, List<Taint> taints, boolean unschedulable,
                       List<ObjectNode> pods, List<ObjectNode> affinityPods, Resources requested, Resources nonZeroRequested,
                       Resources allocatable) {

    public NodeInfo {
        labels = Map.copyOf(labels);
        taints = List.copyOf(taints);
        pods = List.copyOf(pods);
        affinityPods = List.copyOf(affinityPods);
    }

    public static NodeInfo of(ObjectNode node, List<ObjectNode> pods) {
        Resources requested = Resources.ZERO;
        Resources nonZero = Resources.ZERO;
        List<ObjectNode> affinityPods = new ArrayList<>();
        for (ObjectNode p : pods) {
            requested = requested.plus(PodRequests.of(p));
            nonZero = nonZero.plus(PodRequests.nonZero(p));
            if (Pods.hasPodAffinity(p)) affinityPods.add(p);
        }
        return new NodeInfo(Pods.name(node), Pods.labels(node), node, Taint.of(node), Nodes.bool(Pods.spec(node), "unschedulable"),
                pods, affinityPods, requested.withPods(pods.size()), nonZero.withPods(pods.size()), allocatable(node));
    }

    private static Resources allocatable(ObjectNode node) {
        JsonNode status = Nodes.obj(node, "status");
        ObjectNode merged = node.objectNode();
        ObjectNode capacity = Nodes.obj(status, "capacity");
        ObjectNode allocatable = Nodes.obj(status, "allocatable");
        if (capacity != null) merged.setAll(capacity);
        if (allocatable != null) merged.setAll(allocatable);
        return Resources.fromList(merged);
    }

    /** This node without the given pods (matched by namespace/name), for preemption's what-ifs. */
    public NodeInfo without(Collection<ObjectNode> removed) {
        Set<String> keys = new HashSet<>();
        for (ObjectNode p : removed) keys.add(Pods.key(p));
        List<ObjectNode> kept = new ArrayList<>();
        for (ObjectNode p : pods) if (!keys.contains(Pods.key(p))) kept.add(p);
        return of(node, kept);
    }

    /** This node with {@code old} swapped for a newer version of the same pod, whose requests are the same. */
    public NodeInfo replaced(ObjectNode old, ObjectNode updated) {
        return new NodeInfo(name, labels, node, taints, unschedulable, swap(pods, old, updated), swap(affinityPods, old, updated),
                requested, nonZeroRequested, allocatable);
    }

    private static List<ObjectNode> swap(List<ObjectNode> list, ObjectNode old, ObjectNode updated) {
        List<ObjectNode> out = new ArrayList<>(list);
        out.replaceAll(p -> p == old ? updated : p);
        return out;
    }

    /** This node with one more pod: its requests are added to the sums (kube's NodeInfo.AddPod). */
    public NodeInfo with(ObjectNode pod) {
        List<ObjectNode> more = new ArrayList<>(pods.size() + 1);
        more.addAll(pods);
        more.add(pod);
        List<ObjectNode> affinity = affinityPods;
        if (Pods.hasPodAffinity(pod)) {
            affinity = new ArrayList<>(affinityPods);
            affinity.add(pod);
        }
        return new NodeInfo(name, labels, node, taints, unschedulable, more, affinity,
                requested.plus(PodRequests.of(pod)).withPods(more.size()),
                nonZeroRequested.plus(PodRequests.nonZero(pod)).withPods(more.size()), allocatable);
    }
}
