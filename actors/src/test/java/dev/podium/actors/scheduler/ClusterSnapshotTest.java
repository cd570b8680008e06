package dev.podium.actors.scheduler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.podium.actors.scheduler.Fixtures.node;
import static dev.podium.actors.scheduler.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

class ClusterSnapshotTest {

    @Test
    void countsBoundNonTerminalPodsTowardTheirNode() {
        ObjectNode n1 = node("n1").build();
        ObjectNode n2 = node("n2").build();
        ClusterSnapshot s = ClusterSnapshot.of(List.of(n2, n1), List.of(
                pod("a").onNode("n1").request("cpu", "500m").request("example.com/gpu", "1").build(),
                pod("b").onNode("n1").limit("memory", "1Gi").phase("Running").build(),
                pod("done").onNode("n1").request("cpu", "1").phase("Succeeded").build(),
                pod("failed").onNode("n2").request("cpu", "1").phase("Failed").build(),
                pod("pending").request("cpu", "1").build(),
                pod("elsewhere").onNode("gone").build()));

        assertThat(s.nodes()).extracting(NodeInfo::name).containsExactly("n1", "n2");
        NodeInfo info = s.node("n1").orElseThrow();
        assertThat(info.pods()).extracting(Pods::name).containsExactly("a", "b");
        assertThat(info.requested().milliCpu()).isEqualTo(500);
        assertThat(info.requested().memory()).isEqualTo(1024L * 1024 * 1024);
        assertThat(info.requested().pods()).isEqualTo(2);
        assertThat(info.requested().scalar("example.com/gpu")).isEqualTo(1);
        assertThat(info.nonZeroRequested().milliCpu()).isEqualTo(600);
        assertThat(s.node("n2").orElseThrow().pods()).isEmpty();
        assertThat(s.pods()).hasSize(2);
    }

    @Test
    void allocatableFallsBackToCapacity() {
        ObjectNode n = node("n").noAllocatable().capacity("cpu", "2").capacity("pods", "10").build();
        Resources alloc = ClusterSnapshot.of(List.of(n), List.of()).node("n").orElseThrow().allocatable();
        assertThat(alloc.milliCpu()).isEqualTo(2000);
        assertThat(alloc.pods()).isEqualTo(10);
    }

    @Test
    void unknownNamespacesCarryTheirNameLabel() {
        ObjectNode ns = Fixtures.yaml("metadata: {name: team, labels: {tier: gold}}");
        ClusterSnapshot s = ClusterSnapshot.of(List.of(), List.of(), List.of(ns));
        assertThat(s.namespaceLabels("team")).containsEntry("tier", "gold");
        assertThat(s.namespaceLabels("other")).containsEntry("kubernetes.io/metadata.name", "other");
    }

    @Test
    void addingAPodToANodeSumsLikeRebuildingIt() {
        ObjectNode n = node("n").taint("k", "v", "NoSchedule").unschedulable().build();
        ObjectNode a = pod("a").onNode("n").request("cpu", "250m").request("example.com/gpu", "1").build();
        ObjectNode b = pod("b").onNode("n").limit("memory", "1Gi").build();
        NodeInfo added = NodeInfo.of(n, List.of(a)).with(b);
        NodeInfo rebuilt = NodeInfo.of(n, List.of(a, b));

        assertThat(added.requested()).isEqualTo(rebuilt.requested());
        assertThat(added.nonZeroRequested()).isEqualTo(rebuilt.nonZeroRequested());
        assertThat(added.pods()).containsExactly(a, b);
        assertThat(added.taints()).extracting(t -> t.key()).containsExactly("k");
        assertThat(added.unschedulable()).isTrue();
    }

    @Test
    void withNodeReplacesOneNodeAndLeavesTheOriginalAlone() {
        ClusterSnapshot s = ClusterSnapshot.of(List.of(node("n2").build(), node("n1").build(), node("n3").build()), List.of());
        NodeInfo n2 = s.node("n2").orElseThrow().with(pod("p").onNode("n2").request("cpu", "1").build());
        ClusterSnapshot after = s.withNode(n2);

        assertThat(after.nodes()).extracting(NodeInfo::name).containsExactly("n1", "n2", "n3");
        assertThat(after.node("n2").orElseThrow().requested().milliCpu()).isEqualTo(1000);
        assertThat(after.pods()).hasSize(1);
        assertThat(s.node("n2").orElseThrow().pods()).isEmpty();
        assertThat(s.withNode(NodeInfo.of(node("unknown").build(), List.of())).nodes()).isEqualTo(s.nodes());
    }

    @Test
    void withNodeKeepsThePodsWithPodAffinityCurrent() {
        ObjectNode anti = Fixtures.yaml("""
                metadata: {name: anti, namespace: default}
                spec:
                  nodeName: n1
                  affinity: {podAntiAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [{topologyKey: kubernetes.io/hostname}]}}
                """);
        ClusterSnapshot s = ClusterSnapshot.of(List.of(node("n1").build(), node("n2").build()), List.of());
        ClusterSnapshot after = s.withNode(s.node("n1").orElseThrow().with(anti)).withNode(s.node("n2").orElseThrow().with(pod("plain").build()));
        assertThat(after.podsWithPodAffinity()).extracting(ap -> Pods.name(ap.pod())).containsExactly("anti");
        assertThat(s.podsWithPodAffinity()).isEmpty();
    }

    @Test
    void memoComputesOncePerPodAndKey() {
        ClusterSnapshot s = ClusterSnapshot.of(List.of(node("n").build()), List.of());
        CycleKey<String> key = new CycleKey<>("test");
        CycleKey<String> other = new CycleKey<>("other");
        ObjectNode p1 = pod("p1").build();
        ObjectNode p2 = pod("p2").build();
        AtomicInteger computed = new AtomicInteger();

        assertThat(s.memo(key, p1, (p, snap) -> Pods.name(p) + computed.incrementAndGet())).isEqualTo("p11");
        assertThat(s.memo(key, p1, (p, snap) -> Pods.name(p) + computed.incrementAndGet())).isEqualTo("p11");
        assertThat(s.memo(other, p1, (p, snap) -> "other" + computed.incrementAndGet())).isEqualTo("other2");
        assertThat(s.memo(key, p2, (p, snap) -> Pods.name(p) + computed.incrementAndGet())).isEqualTo("p23");
        assertThat(s.memo(key, p1, (p, snap) -> Pods.name(p) + computed.incrementAndGet())).isEqualTo("p14");
    }
}
