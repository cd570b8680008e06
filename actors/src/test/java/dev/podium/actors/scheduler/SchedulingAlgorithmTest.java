package dev.podium.actors.scheduler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import static dev.podium.actors.scheduler.Fixtures.node;
import static dev.podium.actors.scheduler.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class SchedulingAlgorithmTest {
    private static final SchedulingAlgorithm ALGORITHM = SchedulingAlgorithm.defaults();
    private static final String CP = "node-role.kubernetes.io/control-plane";

    private static ObjectNode busy(String node) {
        return pod("busy-" + node).onNode(node).request("cpu", "3500m").build();
    }

    static Stream<Arguments> unschedulable() {
        ObjectNode oneCpu = pod("p").request("cpu", "1").build();
        List<ObjectNode> cpAndTwoBusy = List.of(node("n1").taint(CP, null, "NoSchedule").build(), node("n2").build(), node("n3").build());
        return Stream.of(
                arguments("no nodes", oneCpu, List.of(), List.of(), "no nodes available to schedule pods"),
                arguments("taint and cpu, no lower-priority pods", oneCpu, cpAndTwoBusy, List.of(busy("n2"), busy("n3")),
                        "0/3 nodes are available: 1 node(s) had untolerated taint {" + CP + ": }, 2 Insufficient cpu."
                                + " preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling,"
                                + " 2 No preemption victims found for incoming pod."),
                arguments("nothing preemption can fix", pod("p").spec("nodeSelector: {gpu: 'true'}").build(),
                        List.of(node("n1").build(), node("n2").build(), node("n3").unschedulable().build()), List.of(),
                        "0/3 nodes are available: 1 node(s) were unschedulable, 2 node(s) didn't match Pod's node affinity/selector."
                                + " preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."),
                arguments("only the first failing filter counts per node",
                        pod("p").request("cpu", "8").spec("nodeSelector: {zone: a}").build(),
                        List.of(node("n1").label("zone", "a").build(), node("n2").build()), List.of(),
                        "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) didn't match Pod's node affinity/selector."
                                + " preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod,"
                                + " 1 Preemption is not helpful for scheduling."),
                arguments("pod that never preempts", pod("p").request("cpu", "1").spec("preemptionPolicy: Never").build(),
                        List.of(node("n1").build()), List.of(busy("n1")),
                        "0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unschedulable")
    void reportsWhyLikeKube(String name, ObjectNode pod, List<ObjectNode> nodes, List<ObjectNode> pods, String message) {
        ScheduleResult r = ALGORITHM.schedule(pod, ClusterSnapshot.of(nodes, pods));
        assertThat(r).isInstanceOfSatisfying(ScheduleResult.Unschedulable.class, u -> {
            assertThat(u.message()).isEqualTo(message);
            assertThat(u.nomination()).isEmpty();
        });
    }

    @Test
    void withoutPreemptionOnlyTheFilterSentence() {
        SchedulingAlgorithm noPreemption = new SchedulingAlgorithm(Profile.defaults(), null, null);
        ScheduleResult r = noPreemption.schedule(pod("p").request("cpu", "1").build(),
                ClusterSnapshot.of(List.of(node("n1").build()), List.of(busy("n1"))));
        assertThat(((ScheduleResult.Unschedulable) r).message()).isEqualTo("0/1 nodes are available: 1 Insufficient cpu.");
        assertThat(((ScheduleResult.Unschedulable) r).nodeStatuses()).containsOnlyKeys("n1");
    }

    static Stream<Arguments> scheduled() {
        List<ObjectNode> three = List.of(node("n1").label("zone", "a").build(), node("n2").label("zone", "b").build(),
                node("n3").label("zone", "c").build());
        return Stream.of(
                arguments("ties go to the first node by name", pod("p").build(), three, List.of(), "n1"),
                arguments("least allocated wins", pod("p").request("cpu", "1").build(), three,
                        List.of(pod("a").onNode("n1").request("cpu", "2").build(), pod("b").onNode("n2").request("cpu", "1").build()), "n3"),
                arguments("only feasible node", pod("p").spec("nodeSelector: {zone: b}").build(), three, List.of(), "n2"),
                arguments("preferred node affinity outweighs load", pod("p").spec("""
                        affinity: {nodeAffinity: {preferredDuringSchedulingIgnoredDuringExecution: [
                          {weight: 1, preference: {matchExpressions: [{key: zone, operator: In, values: [a]}]}}]}}
                        """).build(), three, List.of(pod("a").onNode("n1").request("cpu", "1").build()), "n1"),
                arguments("PreferNoSchedule avoided", pod("p").build(),
                        List.of(node("n1").taint("soft", null, "PreferNoSchedule").build(), node("n2").build()), List.of(), "n2"),
                arguments("spread away from siblings", pod("p").label("app", "web").spec(
                        "topologySpreadConstraints: [{maxSkew: 1, topologyKey: zone, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: web}}}]").build(),
                        three, List.of(pod("w1").label("app", "web").onNode("n1").build(), pod("w3").label("app", "web").onNode("n3").build()), "n2"),
                arguments("anti-affinity away from siblings", pod("p").label("app", "web").spec(
                        "affinity: {podAntiAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [{labelSelector: {matchLabels: {app: web}}, topologyKey: zone}]}}").build(),
                        three, List.of(pod("w1").label("app", "web").onNode("n1").build(), pod("w2").label("app", "web").onNode("n2").build()), "n3"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scheduled")
    void picksTheBestNode(String name, ObjectNode pod, List<ObjectNode> nodes, List<ObjectNode> pods, String expected) {
        assertThat(ALGORITHM.schedule(pod, ClusterSnapshot.of(nodes, pods))).isEqualTo(new ScheduleResult.Scheduled(expected));
    }

    @Test
    void randomTieBreakingIsSeededAndSpreads() {
        ClusterSnapshot s = ClusterSnapshot.of(List.of(node("n1").build(), node("n2").build(), node("n3").build()), List.of());
        ObjectNode pod = pod("p").build();
        SchedulingAlgorithm a = new SchedulingAlgorithm(Profile.defaults(), new Random(7), null);
        SchedulingAlgorithm b = new SchedulingAlgorithm(Profile.defaults(), new Random(7), null);
        Set<String> chosen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            ScheduleResult ra = a.schedule(pod, s);
            assertThat(ra).isEqualTo(b.schedule(pod, s));
            chosen.add(((ScheduleResult.Scheduled) ra).nodeName());
        }
        assertThat(chosen).containsExactlyInAnyOrder("n1", "n2", "n3");
    }

    @Test
    void preemptionNominatesANodeAndKeepsTheFilterMessage() {
        ClusterSnapshot s = ClusterSnapshot.of(List.of(node("n1").build()), List.of(busy("n1")));
        ScheduleResult r = ALGORITHM.schedule(pod("p").request("cpu", "1").priority(100).build(), s);
        assertThat(r).isInstanceOfSatisfying(ScheduleResult.Unschedulable.class, u -> {
            assertThat(u.message()).isEqualTo("0/1 nodes are available: 1 Insufficient cpu.");
            assertThat(u.nomination()).hasValueSatisfying(n -> {
                assertThat(n.nodeName()).isEqualTo("n1");
                assertThat(n.victims()).extracting(Pods::name).containsExactly("busy-n1");
            });
        });
    }

    @ParameterizedTest(name = "{0} nodes -> {1}")
    @org.junit.jupiter.params.provider.CsvSource({"1, 1", "99, 99", "100, 100", "200, 100", "1000, 420", "5000, 500", "6000, 300", "20000, 1000"})
    void findsAsManyFeasibleNodesAsKubeSchedulerDoes(int nodes, int feasible) {
        assertThat(SchedulingAlgorithm.numFeasibleNodesToFind(nodes)).isEqualTo(feasible);
    }

    @Test
    void inALargeClusterFilteringStopsAtEnoughFeasibleNodesAndTheNextSearchGoesOnFromThere() {
        List<ObjectNode> nodes = new java.util.ArrayList<>();
        for (int i = 0; i < 1000; i++) nodes.add(node(String.format("n%04d", i)).build());
        ClusterSnapshot snapshot = ClusterSnapshot.of(nodes, List.of());
        SchedulingAlgorithm algorithm = SchedulingAlgorithm.defaults();
        ObjectNode p = pod("p").request("cpu", "100m").build();
        // equal scores everywhere: the first feasible node of each search wins, and each search starts after the last one's 420 nodes
        assertThat(algorithm.schedule(p, snapshot)).isEqualTo(new ScheduleResult.Scheduled("n0000"));
        assertThat(algorithm.schedule(p, snapshot)).isEqualTo(new ScheduleResult.Scheduled("n0420"));
        assertThat(algorithm.schedule(p, snapshot)).isEqualTo(new ScheduleResult.Scheduled("n0840"));
        assertThat(algorithm.schedule(p, snapshot)).isEqualTo(new ScheduleResult.Scheduled("n0260"));
    }

    @Test
    void anUnschedulablePodInALargeClusterIsCheckedAgainstEveryNode() {
        List<ObjectNode> nodes = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) nodes.add(node(String.format("n%03d", i)).build());
        ScheduleResult r = SchedulingAlgorithm.defaults().schedule(pod("p").request("cpu", "64").build(), ClusterSnapshot.of(nodes, List.of()));
        assertThat(r).isInstanceOfSatisfying(ScheduleResult.Unschedulable.class,
                u -> assertThat(u.message()).startsWith("0/300 nodes are available: 300 Insufficient cpu."));
    }
}
