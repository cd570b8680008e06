package dev.podium.actors.scheduler;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * An immutable view of the cluster for one scheduling cycle: every node (sorted by name) with
 * its pods, and namespace labels for namespaceSelectors. Plugins may memoize per-pod state in it
 * (kube's PreFilter/PreScore state) through {@link #memo}.
 */
public final class ClusterSnapshot {
    private final List<NodeInfo> nodes;
    /** Position of each node in {@code nodes}; shared by the copies {@link #withNode} makes. */
    private final Map<String, Integer> index;
    private final Map<String, Map<String, String>> namespaceLabels;
    private final List<AssignedPod> withPodAffinity;
    private ObjectNode memoPod;
    private Object[] memoSlots = new Object[0];

    private ClusterSnapshot(List<NodeInfo> sorted, Map<String, Integer> index, Map<String, Map<String, String>> namespaceLabels,
                            List<AssignedPod> withPodAffinity) {
        this.nodes = sorted;
        this.index = index;
        this.namespaceLabels = namespaceLabels;
        this.withPodAffinity = withPodAffinity;
    }

    private static ClusterSnapshot sorted(List<NodeInfo> nodes, Map<String, Map<String, String>> namespaceLabels,
                                          List<AssignedPod> withPodAffinity) {
        List<NodeInfo> sorted = new ArrayList<>(nodes);
        sorted.sort(Comparator.comparing(NodeInfo::name));
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < sorted.size(); i++) index.put(sorted.get(i).name(), i);
        return new ClusterSnapshot(Collections.unmodifiableList(sorted), index, namespaceLabels, withPodAffinity);
    }

    public static ClusterSnapshot of(List<ObjectNode> nodes, List<ObjectNode> pods) {
        return of(nodes, pods, List.of());
    }

    /**
     * Builds the snapshot from Node, Pod and (optionally) Namespace objects. A pod counts toward
     * a node when its spec.nodeName names it and its phase is not Succeeded or Failed; pods bound
     * to unknown nodes are left out.
     */
    public static ClusterSnapshot of(List<ObjectNode> nodes, List<ObjectNode> pods, List<ObjectNode> namespaces) {
        Map<String, List<ObjectNode>> podsByNode = new HashMap<>();
        for (ObjectNode n : nodes) podsByNode.put(Pods.name(n), new ArrayList<>());
        for (ObjectNode p : pods) {
            List<ObjectNode> list = podsByNode.get(Pods.nodeName(p));
            if (list != null && !Pods.isTerminal(p)) list.add(p);
        }
        List<NodeInfo> infos = new ArrayList<>();
        for (ObjectNode n : nodes) infos.add(NodeInfo.of(n, podsByNode.get(Pods.name(n))));
        Map<String, Map<String, String>> nsLabels = new HashMap<>();
        for (ObjectNode ns : namespaces) nsLabels.put(Pods.name(ns), Pods.labels(ns));
        List<AssignedPod> withAffinity = new ArrayList<>();
        for (NodeInfo n : infos) addWithPodAffinity(n, withAffinity);
        return sorted(infos, nsLabels, withAffinity);
    }

    /**
     * A snapshot of these nodes, sorted by name, as they are (no namespaces); when they are the
     * same nodes as in {@code previous} (may be null), its name index is reused.
     */
    public static ClusterSnapshot ofNodes(List<NodeInfo> sortedNodes, ClusterSnapshot previous) {
        List<AssignedPod> withAffinity = new ArrayList<>();
        for (NodeInfo n : sortedNodes) addWithPodAffinity(n, withAffinity);
        if (previous == null || !sameNames(previous.nodes, sortedNodes)) return sorted(sortedNodes, Map.of(), withAffinity);
        return new ClusterSnapshot(Collections.unmodifiableList(sortedNodes), previous.index, Map.of(), withAffinity);
    }

    private static boolean sameNames(List<NodeInfo> a, List<NodeInfo> b) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) if (!a.get(i).name().equals(b.get(i).name())) return false;
        return true;
    }

    private static void addWithPodAffinity(NodeInfo node, List<AssignedPod> into) {
        for (ObjectNode p : node.affinityPods()) into.add(new AssignedPod(p, node));
    }

    public List<NodeInfo> nodes() {
        return nodes;
    }

    public int numNodes() {
        return nodes.size();
    }

    public Optional<NodeInfo> node(String name) {
        Integer i = index.get(name);
        return i == null ? Optional.empty() : Optional.of(nodes.get(i));
    }

    /** Every assigned pod with its node. */
    public List<AssignedPod> pods() {
        List<AssignedPod> out = new ArrayList<>();
        for (NodeInfo n : nodes) for (ObjectNode p : n.pods()) out.add(new AssignedPod(p, n));
        return out;
    }

    /**
     * The assigned pods that have pod affinity or anti-affinity terms: usually few, and all that
     * InterPodAffinity must look at when the incoming pod has no terms of its own.
     */
    public List<AssignedPod> podsWithPodAffinity() {
        return withPodAffinity;
    }

    /**
     * A namespace's labels; an unknown namespace still carries the
     * {@code kubernetes.io/metadata.name} label the apiserver sets on every namespace.
     */
    public Map<String, String> namespaceLabels(String namespace) {
        Map<String, String> labels = namespaceLabels.get(namespace);
        return labels != null ? labels : Map.of("kubernetes.io/metadata.name", namespace);
    }

    /**
     * A copy with one node replaced (same name; an unknown name changes nothing); memoized state
     * is not carried over. Costs one copy of the node list, not a rebuild.
     */
    public ClusterSnapshot withNode(NodeInfo replacement) {
        Integer i = index.get(replacement.name());
        if (i == null) return new ClusterSnapshot(nodes, index, namespaceLabels, withPodAffinity);
        NodeInfo[] list = nodes.toArray(NodeInfo[]::new);
        NodeInfo replaced = list[i];
        list[i] = replacement;
        List<AssignedPod> withAffinity = withPodAffinity;
        if (!withAffinity.isEmpty() || !replacement.affinityPods().isEmpty()) {
            withAffinity = new ArrayList<>(withPodAffinity);
            withAffinity.removeIf(ap -> ap.node() == replaced);
            addWithPodAffinity(replacement, withAffinity);
        }
        return new ClusterSnapshot(Collections.unmodifiableList(Arrays.asList(list)), index, namespaceLabels, withAffinity);
    }

    /**
     * Computes once per (key, pod) in this snapshot and returns it afterwards; the pod is compared
     * by identity and only the latest pod's values are kept (a cycle schedules one pod). Not for
     * use from several threads.
     */
    @SuppressWarnings("unchecked")
    public <T> T memo(CycleKey<T> key, ObjectNode pod, BiFunction<ObjectNode, ClusterSnapshot, T> compute) {
        if (pod != memoPod) {
            memoPod = pod;
            memoSlots = new Object[CycleKey.count()];
        } else if (key.slot >= memoSlots.length) {
            memoSlots = Arrays.copyOf(memoSlots, CycleKey.count());
        }
        Object v = memoSlots[key.slot];
        if (v == null) {
            v = compute.apply(pod, this);
            if (memoPod == pod && key.slot < memoSlots.length) memoSlots[key.slot] = v;
        }
        return (T) v;
    }

    public record AssignedPod(ObjectNode pod, NodeInfo node) {}
}
