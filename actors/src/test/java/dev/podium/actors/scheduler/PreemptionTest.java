package dev.podium.actors.scheduler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static dev.podium.actors.scheduler.Fixtures.node;
import static dev.podium.actors.scheduler.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class PreemptionTest {

    private static ObjectNode running(String name, String node, String cpu, int priority) {
        return pod(name).onNode(node).request("cpu", cpu).priority(priority).build();
    }

    static Stream<Arguments> cases() {
        List<ObjectNode> two = List.of(node("n1").build(), node("n2").build());
        ObjectNode needs2 = pod("p").request("cpu", "2").priority(100).build();
        return Stream.of(
                arguments("evicts the lower-priority pod", needs2, List.of(node("n1").build()),
                        List.of(running("low", "n1", "3", 0)), "n1", List.of("low")),
                arguments("never evicts equal or higher priority", needs2, two,
                        List.of(running("same", "n1", "3", 100), running("low", "n2", "3", 0)), "n2", List.of("low")),
                arguments("gives back the more important pods first", needs2, List.of(node("n1").build()),
                        List.of(running("a", "n1", "2", 0), running("b", "n1", "2", 10)), "n1", List.of("a")),
                arguments("evicts as many as needed", pod("p").request("cpu", "3").priority(100).build(), List.of(node("n1").build()),
                        List.of(running("a", "n1", "2", 0), running("b", "n1", "2", 10)), "n1", List.of("a", "b")),
                arguments("least important highest victim wins", needs2, two,
                        List.of(running("mid", "n1", "3", 50), running("low", "n2", "3", 10)), "n2", List.of("low")),
                // the offset kube adds to each priority makes the sum favor fewer victims
                arguments("then the lower priority sum", pod("p").request("cpu", "3").priority(100).build(), two,
                        List.of(running("a", "n1", "2", 0), running("b", "n1", "2", 0), running("c", "n2", "3", 0)), "n2", List.of("c")),
                arguments("skips nodes it cannot help", needs2,
                        List.of(node("n1").taint("x", null, "NoSchedule").build(), node("n2").build()),
                        List.of(running("a", "n1", "3", 0), running("b", "n2", "3", 0)), "n2", List.of("b")),
                arguments("anti-affinity victims", pod("p").label("app", "web").priority(100).spec(
                        "affinity: {podAntiAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [{labelSelector: {matchLabels: {app: web}}, topologyKey: kubernetes.io/hostname}]}}").build(),
                        List.of(node("n1").build()),
                        List.of(pod("w").label("app", "web").onNode("n1").build(), running("other", "n1", "1", 0)), "n1", List.of("w")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void findsVictims(String name, ObjectNode pod, List<ObjectNode> nodes, List<ObjectNode> pods, String node, List<String> victims) {
        Preemption.Outcome o = Preemption.findVictims(pod, ClusterSnapshot.of(nodes, pods), Pods::priority);
        assertThat(o.nomination()).hasValueSatisfying(n -> {
            assertThat(n.nodeName()).isEqualTo(node);
            assertThat(n.victims()).extracting(Pods::name).containsExactlyInAnyOrderElementsOf(victims);
        });
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                arguments("evicting everything is not enough", pod("p").request("cpu", "8").priority(100).build(),
                        List.of(running("low", "n1", "1", 0)), "0/1 nodes are available: 1 Insufficient cpu."),
                arguments("nothing lower", pod("p").request("cpu", "2").priority(0).build(),
                        List.of(running("low", "n1", "3", 0)), "0/1 nodes are available: 1 No preemption victims found for incoming pod."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void explainsWhyNot(String name, ObjectNode pod, List<ObjectNode> pods, String message) {
        Preemption.Outcome o = Preemption.findVictims(pod, ClusterSnapshot.of(List.of(node("n1").build()), pods), Pods::priority);
        assertThat(o.nomination()).isEmpty();
        assertThat(o.message()).isEqualTo(message);
    }
}
