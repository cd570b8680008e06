package dev.podium.actors.scheduler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static dev.podium.actors.scheduler.Fixtures.node;
import static dev.podium.actors.scheduler.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

class SchedulerCacheTest {
    private final SchedulerCache cache = new SchedulerCache("default-scheduler");

    private static ObjectNode created(ObjectNode pod, String timestamp) {
        pod.with("metadata").put("creationTimestamp", timestamp);
        return pod;
    }

    private static ObjectNode placed(ObjectNode pod, String node) {
        ObjectNode copy = pod.deepCopy();
        copy.with("spec").put("nodeName", node);
        return copy;
    }

    /** What a pass does when it places {@code pod}; returns the node as the pass's snapshot holds it. */
    private NodeInfo assume(ObjectNode pod, String node) {
        ObjectNode placed = placed(pod, node);
        NodeInfo after = cache.snapshot().node(node).orElseThrow().with(placed);
        cache.assume(pod, placed, after);
        return after;
    }

    @Test
    void theNextSnapshotTakesTheAssumedNodeAsThePassLeftIt() {
        cache.nodeChanged(node("n1").build());
        ObjectNode p = pod("p").build();
        cache.podChanged(p);
        NodeInfo after = assume(p, "n1");
        assertThat(cache.snapshot().node("n1").orElseThrow()).isSameAs(after);
    }

    @Test
    void pendingPodsComeHigherPriorityFirstThenOldest() {
        cache.podChanged(created(pod("young").build(), "2026-01-01T00:00:02Z"));
        cache.podChanged(created(pod("old").build(), "2026-01-01T00:00:01Z"));
        cache.podChanged(created(pod("urgent").priority(1000).build(), "2026-01-01T00:00:03Z"));

        assertThat(cache.pending()).extracting(Pods::name).containsExactly("urgent", "old", "young");
    }

    @Test
    void onlyLivePodsForThisSchedulerWait() {
        cache.podChanged(pod("other").spec("schedulerName: my-scheduler").build());
        cache.podChanged(pod("done").phase("Succeeded").build());
        ObjectNode deleting = pod("deleting").build();
        deleting.with("metadata").put("deletionTimestamp", "2026-01-01T00:00:00Z");
        cache.podChanged(deleting);
        cache.podChanged(pod("mine").build());

        assertThat(cache.pending()).extracting(Pods::name).containsExactly("mine");
    }

    @Test
    void boundPodsCountTowardTheirNodeUntilTheyEnd() {
        cache.nodeChanged(node("n1").build());
        cache.podChanged(pod("a").onNode("n1").request("cpu", "500m").build());
        assertThat(cache.snapshot().node("n1").orElseThrow().requested().milliCpu()).isEqualTo(500);

        cache.podChanged(pod("a").onNode("n1").request("cpu", "500m").phase("Failed").build());
        assertThat(cache.snapshot().node("n1").orElseThrow().pods()).isEmpty();
        assertThat(cache.boundPods()).isZero();
    }

    @Test
    void aPodThatGetsBoundLeavesTheQueueForItsNode() {
        cache.nodeChanged(node("n1").build());
        ObjectNode p = pod("p").build();
        cache.podChanged(p);
        cache.podChanged(placed(p, "n1"));

        assertThat(cache.hasPending()).isFalse();
        assertThat(cache.snapshot().node("n1").orElseThrow().pods()).extracting(Pods::name).containsExactly("p");
    }

    @Test
    void anAssumedPodStaysOnItsNodeUntilTheBindIsSeen() {
        cache.nodeChanged(node("n1").build());
        ObjectNode p = pod("p").request("cpu", "1").build();
        cache.podChanged(p);
        assume(p, "n1");
        cache.podChanged(pod("p").request("cpu", "1").label("seen", "again").build());

        assertThat(cache.hasPending()).isFalse();
        assertThat(cache.snapshot().node("n1").orElseThrow().requested().milliCpu()).isEqualTo(1000);

        ObjectNode bound = placed(p, "n1");
        cache.podChanged(bound);
        assertThat(cache.snapshot().node("n1").orElseThrow().pods()).containsExactly(bound);
    }

    @Test
    void aFailedBindPutsTheLatestObjectBackInTheQueue() {
        cache.nodeChanged(node("n1").build());
        ObjectNode p = pod("p").build();
        cache.podChanged(p);
        assume(p, "n1");
        ObjectNode relabelled = pod("p").label("v", "2").build();
        cache.podChanged(relabelled);
        cache.forget(Pods.key(p), Pods.uid(p));

        assertThat(cache.pending()).containsExactly(relabelled);
        assertThat(cache.snapshot().node("n1").orElseThrow().pods()).isEmpty();
    }

    @Test
    void deletedPodsAndNodesAreForgotten() {
        cache.nodeChanged(node("n1").build());
        cache.nodeChanged(node("n2").build());
        ObjectNode bound = pod("bound").onNode("n1").build();
        cache.podChanged(bound);
        ObjectNode waiting = pod("waiting").build();
        cache.podChanged(waiting);
        cache.podDeleted(bound);
        cache.podDeleted(waiting);
        cache.nodeDeleted(node("n2").build());

        ClusterSnapshot s = cache.snapshot();
        assertThat(s.nodes()).extracting(NodeInfo::name).containsExactly("n1");
        assertThat(s.node("n1").orElseThrow().pods()).isEmpty();
        assertThat(cache.hasPending()).isFalse();
    }

    @Test
    void aSnapshotKeepsTheNodesThatDidNotChange() {
        cache.nodeChanged(node("n1").build());
        cache.nodeChanged(node("n2").build());
        ClusterSnapshot first = cache.snapshot();
        cache.podChanged(pod("p").onNode("n2").build());
        ClusterSnapshot second = cache.snapshot();

        assertThat(second.node("n1").orElseThrow()).isSameAs(first.node("n1").orElseThrow());
        assertThat(second.node("n2").orElseThrow().pods()).hasSize(1);
    }

    @Test
    void aStatusUpdateOnTheSameNodeSwapsTheObjectAndKeepsTheSums() {
        cache.nodeChanged(node("n1").build());
        ObjectNode pending = pod("p").request("cpu", "250m").build();
        pending.with("metadata").put("uid", "u1");
        cache.podChanged(placed(pending, "n1"));
        ClusterSnapshot first = cache.snapshot();

        ObjectNode running = placed(pending, "n1");
        running.putObject("status").put("phase", "Running");
        cache.podChanged(running);
        NodeInfo n1 = cache.snapshot().node("n1").orElseThrow();

        assertThat(n1.pods()).containsExactly(running);
        assertThat(n1.requested()).isEqualTo(first.node("n1").orElseThrow().requested());
    }

    @Test
    void aRecreatedPodWithTheSameNameIsCountedAfresh() {
        cache.nodeChanged(node("n1").build());
        ObjectNode small = pod("p").onNode("n1").request("cpu", "100m").build();
        small.with("metadata").put("uid", "u1");
        cache.podChanged(small);
        cache.snapshot();
        ObjectNode big = pod("p").onNode("n1").request("cpu", "2").build();
        big.with("metadata").put("uid", "u2");
        cache.podChanged(big);

        assertThat(cache.snapshot().node("n1").orElseThrow().requested().milliCpu()).isEqualTo(2000);
    }

    private static ObjectNode withUid(ObjectNode pod, String uid) {
        pod.with("metadata").put("uid", uid);
        return pod;
    }

    @Test
    void aFailedBindOfAnEarlierPodOfTheSameNameLeavesTheNewOneAssumed() {
        cache.nodeChanged(node("n1").build());
        cache.nodeChanged(node("n2").build());
        ObjectNode first = withUid(pod("p").build(), "u1");
        cache.podChanged(first);
        assume(first, "n1");
        cache.podDeleted(first);
        ObjectNode second = withUid(pod("p").request("cpu", "1").build(), "u2");
        cache.podChanged(second);
        assume(second, "n2");

        cache.forget("default/p", "u1");

        assertThat(cache.hasPending()).isFalse();
        assertThat(cache.snapshot().node("n2").orElseThrow().requested().milliCpu()).isEqualTo(1000);
        assertThat(cache.snapshot().node("n1").orElseThrow().pods()).isEmpty();
    }

    @Test
    void anUnschedulablePodWaitsOutsideTheQueueUntilANodeChanges() {
        cache.nodeChanged(node("n1").build());
        ObjectNode big = pod("big").request("cpu", "64").build();
        cache.podChanged(big);
        cache.markUnschedulable(cache.pending().get(0));
        assertThat(cache.hasPending()).isFalse();
        assertThat(cache.unschedulable()).isEqualTo(1);

        cache.podChanged(pod("other").onNode("n1").build());
        assertThat(cache.hasPending()).as("a pod added to a node frees nothing for a pod without pod rules").isFalse();

        cache.nodeChanged(node("n2").allocatable("cpu", "128").build());
        assertThat(cache.pending()).containsExactly(big);
        assertThat(cache.unschedulable()).isZero();
    }

    @Test
    void aPodLeavingANodeOrTheFlushRequeuesUnschedulablePods() {
        cache.nodeChanged(node("n1").build());
        ObjectNode bound = pod("bound").onNode("n1").build();
        cache.podChanged(bound);
        ObjectNode waiting = pod("waiting").request("cpu", "64").build();
        cache.podChanged(waiting);
        cache.markUnschedulable(waiting);

        cache.podDeleted(bound);
        assertThat(cache.pending()).containsExactly(waiting);

        cache.markUnschedulable(waiting);
        cache.requeueUnschedulable();
        assertThat(cache.pending()).containsExactly(waiting);
    }

    @Test
    void podsWithPodRulesAreRequeuedWhenAssignedPodsOrTheirLabelsChange() {
        cache.nodeChanged(node("n1").build());
        ObjectNode withAffinity = pod("with-affinity").spec("""
                affinity:
                  podAffinity:
                    requiredDuringSchedulingIgnoredDuringExecution: [{topologyKey: kubernetes.io/hostname, labelSelector: {matchLabels: {app: db}}}]
                """).build();
        ObjectNode plain = pod("plain").request("cpu", "64").build();
        cache.podChanged(withAffinity);
        cache.podChanged(plain);
        cache.markUnschedulable(withAffinity);
        cache.markUnschedulable(plain);

        ObjectNode db = pod("db").onNode("n1").build();
        db.with("metadata").put("uid", "db-1");
        cache.podChanged(db);
        assertThat(cache.pending()).containsExactly(withAffinity);

        cache.markUnschedulable(withAffinity);
        ObjectNode relabelled = pod("db").onNode("n1").label("app", "db").build();
        relabelled.with("metadata").put("uid", "db-1");
        cache.podChanged(relabelled);
        assertThat(cache.pending()).containsExactly(withAffinity);
        assertThat(cache.unschedulable()).isEqualTo(1);
    }

    @Test
    void anUnschedulablePodThatChangesIsTriedAgain() {
        ObjectNode p = pod("p").build();
        cache.podChanged(p);
        cache.markUnschedulable(p);
        ObjectNode tolerant = pod("p").spec("tolerations: [{operator: Exists}]").build();
        cache.podChanged(tolerant);
        assertThat(cache.pending()).containsExactly(tolerant);
    }
}
