package dev.podium.actors.scheduler;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * An immutable view of the cluster for one scheduling cycle: every node (sorted by name) with
 * its pods, and namespace labels for namespaceSelectors. Plugins may memoize per-pod state in it
 * (kube's PreFilter/PreScore state) through {@link #memo}.
 */
public final class ClusterSnapshot {
    private final List<NodeInfo> nodes;
    private final Map<String, NodeInfo> byName;
    private final Map<String, Map<String, String>> namespaceLabels;
    private final List<AssignedPod> withPodAffinity;
    private final Map<MemoKey, Object> memo = new ConcurrentHashMap<>();

    private ClusterSnapshot(List<NodeInfo> nodes, Map<String, Map<String, String>> namespaceLabels, List<AssignedPod> withPodAffinity) {
        List<NodeInfo> sorted = new ArrayList<>(nodes);
        sorted.sort(Comparator.comparing(NodeInfo::name));
        this.nodes = List.copyOf(sorted);
        Map<String, NodeInfo> m = new LinkedHashMap<>();
        for (NodeInfo n : this.nodes) m.put(n.name(), n);
        this.byName = m;
        this.namespaceLabels = namespaceLabels;
        this.withPodAffinity = withPodAffinity;
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
        return new ClusterSnapshot(infos, nsLabels, withAffinity);
    }

    private static void addWithPodAffinity(NodeInfo node, List<AssignedPod> into) {
        for (ObjectNode p : node.pods()) if (Pods.hasPodAffinity(p)) into.add(new AssignedPod(p, node));
    }

    public List<NodeInfo> nodes() {
        return nodes;
    }

    public int numNodes() {
        return nodes.size();
    }

    public Optional<NodeInfo> node(String name) {
        return Optional.ofNullable(byName.get(name));
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

    /** A copy with one node replaced (same name); memoized state is not carried over. */
    public ClusterSnapshot withNode(NodeInfo replacement) {
        List<NodeInfo> list = new ArrayList<>(nodes);
        list.replaceAll(n -> n.name().equals(replacement.name()) ? replacement : n);
        List<AssignedPod> withAffinity = new ArrayList<>(withPodAffinity);
        withAffinity.removeIf(ap -> ap.node().name().equals(replacement.name()));
        addWithPodAffinity(replacement, withAffinity);
        return new ClusterSnapshot(list, namespaceLabels, withAffinity);
    }

    /** Computes once per (plugin, pod) in this snapshot; the pod is compared by identity. */
    @SuppressWarnings("unchecked")
    public <T> T memo(String plugin, ObjectNode pod, Supplier<T> compute) {
        MemoKey key = new MemoKey(plugin, pod);
        Object v = memo.get(key);
        if (v == null) {
            v = compute.get();
            memo.put(key, v);
        }
        return (T) v;
    }

    public record AssignedPod(ObjectNode pod, NodeInfo node) {}

    private record MemoKey(String plugin, ObjectNode pod) {
        @Override
        public boolean equals(Object o) {
            return o instanceof MemoKey k && k.plugin.equals(plugin) && k.pod == pod;
        }

        @Override
        public int hashCode() {
            return plugin.hashCode() * 31 + System.identityHashCode(pod);
        }
    }
}
