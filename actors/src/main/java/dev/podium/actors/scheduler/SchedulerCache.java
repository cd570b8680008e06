package dev.podium.actors.scheduler;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the scheduler knows between passes, kept up to date one hint at a time (kube's
 * scheduler cache and active queue): Nodes, the non-terminal pods bound to each, and the pending
 * pods this scheduler is responsible for, in scheduling order (higher priority first, then
 * older). A pass asks for a {@link #snapshot}, which recomputes only the nodes whose Node or pods
 * changed since the last one. Pods the scheduler has bound but not yet seen bound are
 * <em>assumed</em> on their node. Owned by one actor; not thread-safe.
 */
public final class SchedulerCache {
    private final String schedulerName;
    private final Map<String, ObjectNode> nodes = new HashMap<>();
    private final Map<String, Map<String, ObjectNode>> podsByNode = new HashMap<>();
    /** Where each tracked pod is: the node name it counts toward, or {@link #PENDING}. */
    private final Map<String, String> location = new HashMap<>();
    private final TreeMap<QueueKey, ObjectNode> pending = new TreeMap<>(QueueKey.ORDER);
    private final Map<String, QueueKey> queueKeys = new HashMap<>();
    /**
     * Assumed pods (bound by this scheduler, the binding not yet seen) with the
     * latest object seen for them, restored if the bind fails.
     */
    private final Map<String, ObjectNode> assumed = new HashMap<>();
    /**
     * Pending pods the last pass found unschedulable, out of the queue until the cluster changes
     * in a way that could let them in or the periodic flush (kube's unschedulable pods).
     */
    private final Map<String, ObjectNode> parked = new HashMap<>();
    /** The keys of the parked pods whose rules depend on other pods (pod affinity, spread constraints). */
    private final Set<String> parkedWaitingForPods = new HashSet<>();
    private final TreeMap<String, NodeInfo> infos = new TreeMap<>();
    private final Set<String> dirty = new HashSet<>();
    private static final String PENDING = "";
    private ClusterSnapshot last;

    private record QueueKey(long priority, String created, String key) {
        static final Comparator<QueueKey> ORDER = Comparator.comparingLong((QueueKey k) -> -k.priority)
                .thenComparing(QueueKey::created).thenComparing(QueueKey::key);
    }

    public SchedulerCache(String schedulerName) {
        this.schedulerName = schedulerName;
    }

    /** A Node was added or changed: any unschedulable pod may fit now. */
    public void nodeChanged(ObjectNode node) {
        String name = Pods.name(node);
        nodes.put(name, node);
        dirty.add(name);
        requeueUnschedulable();
    }

    public void nodeDeleted(ObjectNode node) {
        String name = Pods.name(node);
        nodes.remove(name);
        dirty.add(name);
    }

    /** A Pod was added or changed: it counts toward its node, waits in the queue, or is not this scheduler's business. */
    public void podChanged(ObjectNode pod) {
        String key = Pods.key(pod);
        if (assumed.containsKey(key)) {
            if (Pods.nodeName(pod).isEmpty()) {
                assumed.put(key, pod);
                return;
            }
            assumed.remove(key);
        }
        if (replaceOnSameNode(key, pod)) return;
        untrack(key);
        track(key, pod);
    }

    /**
     * A newer version of a pod that stays on its node (a status update, say): its requests and
     * affinity terms cannot have changed (a pod's spec may not change them), so the node's sums
     * stand and only the object is swapped.
     */
    private boolean replaceOnSameNode(String key, ObjectNode pod) {
        String at = location.get(key);
        if (at == null || at.equals(PENDING) || !at.equals(Pods.nodeName(pod)) || Pods.isTerminal(pod)) return false;
        Map<String, ObjectNode> pods = podsByNode.get(at);
        ObjectNode old = pods.get(key);
        if (!Pods.uid(old).equals(Pods.uid(pod))) return false;
        pods.put(key, pod);
        NodeInfo info = infos.get(at);
        if (info != null && !dirty.contains(at)) infos.put(at, info.replaced(old, pod));
        else dirty.add(at);
        if (!parkedWaitingForPods.isEmpty() && !Pods.labels(old).equals(Pods.labels(pod))) requeueWaitingForPods();
        return true;
    }

    public void podDeleted(ObjectNode pod) {
        String key = Pods.key(pod);
        assumed.remove(key);
        untrack(key);
    }

    /**
     * The scheduler bound {@code pod}: count {@code placed} (the pod with spec.nodeName set) on
     * its node until the bind is seen. {@code node} is that node with the pod added, as the
     * pass's snapshot holds it; the next snapshot takes it as it is when nothing else changed there.
     */
    public void assume(ObjectNode pod, ObjectNode placed, NodeInfo node) {
        String key = Pods.key(pod);
        boolean clean = !dirty.contains(node.name()) && infos.containsKey(node.name());
        untrack(key);
        assumed.put(key, pod);
        track(key, placed);
        if (clean && location.get(key) != null) {
            dirty.remove(node.name());
            infos.put(node.name(), node);
        }
    }

    /**
     * The bind of the pod with this key and uid failed: the pod goes back to what was last seen
     * of it. A failed bind of an earlier pod of the same name changes nothing.
     */
    public void forget(String key, String uid) {
        ObjectNode latest = assumed.get(key);
        if (latest == null || !Pods.uid(latest).equals(uid)) return;
        assumed.remove(key);
        untrack(key);
        track(key, latest);
    }

    public boolean hasPending() {
        return !pending.isEmpty();
    }

    /** A pass found this pending pod unschedulable: it leaves the queue until something that could help changes. */
    public void markUnschedulable(ObjectNode pod) {
        String key = Pods.key(pod);
        QueueKey q = queueKeys.get(key);
        if (q == null || pending.get(q) != pod) return;
        pending.remove(q);
        parked.put(key, pod);
        if (Pods.hasPodAffinity(pod) || !pod.path("spec").path("topologySpreadConstraints").isEmpty()) parkedWaitingForPods.add(key);
    }

    /** Every unschedulable pod back in the queue: something that could let any of them in changed, or it is time to look again. */
    public void requeueUnschedulable() {
        parked.forEach((key, pod) -> pending.put(queueKeys.get(key), pod));
        parked.clear();
        parkedWaitingForPods.clear();
    }

    /**
     * Back in the queue: unschedulable pods whose rules depend on other pods. Runs on every
     * placement, so it touches only those pods, not every parked one.
     */
    private void requeueWaitingForPods() {
        for (String key : parkedWaitingForPods) pending.put(queueKeys.get(key), parked.remove(key));
        parkedWaitingForPods.clear();
    }

    /** How many pods wait as unschedulable. */
    public int unschedulable() {
        return parked.size();
    }

    /** The pending pods in scheduling order. */
    public List<ObjectNode> pending() {
        return new ArrayList<>(pending.values());
    }

    /** The cluster as a snapshot. Nodes untouched since the previous call keep their NodeInfo. */
    public ClusterSnapshot snapshot() {
        for (String name : dirty) {
            ObjectNode node = nodes.get(name);
            if (node == null) {
                infos.remove(name);
            } else {
                Map<String, ObjectNode> pods = podsByNode.get(name);
                infos.put(name, NodeInfo.of(node, pods == null ? List.of() : new ArrayList<>(pods.values())));
            }
        }
        dirty.clear();
        last = ClusterSnapshot.ofNodes(new ArrayList<>(infos.values()), last);
        return last;
    }

    /** How many pods are tracked on nodes, for tests and logs. */
    public int boundPods() {
        int n = 0;
        for (Map<String, ObjectNode> pods : podsByNode.values()) n += pods.size();
        return n;
    }

    private void track(String key, ObjectNode pod) {
        String nodeName = Pods.nodeName(pod);
        if (!nodeName.isEmpty()) {
            if (Pods.isTerminal(pod)) return;
            podsByNode.computeIfAbsent(nodeName, n -> new LinkedHashMap<>()).put(key, pod);
            location.put(key, nodeName);
            dirty.add(nodeName);
            requeueWaitingForPods();
        } else if (isMine(pod)) {
            QueueKey q = new QueueKey(Pods.priority(pod), pod.path("metadata").path("creationTimestamp").asText(), key);
            pending.put(q, pod);
            queueKeys.put(key, q);
            location.put(key, PENDING);
        }
    }

    private void untrack(String key) {
        String at = location.remove(key);
        if (at == null) return;
        if (at.equals(PENDING)) {
            pending.remove(queueKeys.remove(key));
            parked.remove(key);
            parkedWaitingForPods.remove(key);
            return;
        }
        Map<String, ObjectNode> pods = podsByNode.get(at);
        if (pods != null) {
            pods.remove(key);
            if (pods.isEmpty()) podsByNode.remove(at);
        }
        dirty.add(at);
        // a pod leaving a node frees room (and pod rules) for unschedulable ones
        requeueUnschedulable();
    }

    private boolean isMine(ObjectNode pod) {
        if (Pods.isTerminating(pod) || Pods.isTerminal(pod)) return false;
        return schedulerName.equals(pod.path("spec").path("schedulerName").asText(schedulerName));
    }
}
