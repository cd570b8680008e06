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
        cache.assume(p, placed(p, "n1"));
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
        cache.assume(p, placed(p, "n1"));
        ObjectNode relabelled = pod("p").label("v", "2").build();
        cache.podChanged(relabelled);
        cache.forget(Pods.key(p));

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
}
