package dev.podium.actors.scheduler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

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
}
