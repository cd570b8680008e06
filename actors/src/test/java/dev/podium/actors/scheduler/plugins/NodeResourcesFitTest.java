package dev.podium.actors.scheduler.plugins;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.scheduler.ClusterSnapshot;
import dev.podium.actors.scheduler.FilterResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static dev.podium.actors.scheduler.Fixtures.info;
import static dev.podium.actors.scheduler.Fixtures.node;
import static dev.podium.actors.scheduler.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class NodeResourcesFitTest {

    static Stream<Arguments> cases() {
        ObjectNode n = node("n").build();
        ObjectNode busy = pod("busy").onNode("n").request("cpu", "3500m").request("memory", "7Gi").build();
        return Stream.of(
                arguments("fits on an empty node", pod("p").request("cpu", "1").build(), n, List.of(), List.of()),
                arguments("exactly fills the node", pod("p").request("cpu", "4").request("memory", "8Gi").build(), n, List.of(), List.of()),
                arguments("best effort fits a full node", pod("p").build(), n, List.of(busy), List.of()),
                arguments("insufficient cpu", pod("p").request("cpu", "1").build(), n, List.of(busy), List.of("Insufficient cpu")),
                arguments("insufficient memory", pod("p").request("memory", "2Gi").build(), n, List.of(busy), List.of("Insufficient memory")),
                arguments("limits count as requests", pod("p").limit("cpu", "1").build(), n, List.of(busy), List.of("Insufficient cpu")),
                arguments("both, in kube's order", pod("p").request("memory", "2Gi").request("cpu", "1").build(), n, List.of(busy),
                        List.of("Insufficient cpu", "Insufficient memory")),
                arguments("too many pods", pod("p").build(), node("n").allocatable("pods", "1").build(),
                        List.of(pod("other").onNode("n").build()), List.of("Too many pods")),
                arguments("too many pods and cpu", pod("p").request("cpu", "1").build(), node("n").allocatable("pods", "1").build(),
                        List.of(busy), List.of("Too many pods", "Insufficient cpu")),
                arguments("ephemeral storage", pod("p").request("ephemeral-storage", "1Gi").build(),
                        node("n").allocatable("ephemeral-storage", "512Mi").build(), List.of(), List.of("Insufficient ephemeral-storage")),
                arguments("extended resource missing", pod("p").request("example.com/gpu", "1").build(), n, List.of(),
                        List.of("Insufficient example.com/gpu")),
                arguments("extended resource present", pod("p").request("example.com/gpu", "2").build(),
                        node("n").allocatable("example.com/gpu", "2").build(), List.of(), List.of()),
                arguments("terminal pods free their resources", pod("p").request("cpu", "1").build(), n,
                        List.of(pod("done").onNode("n").request("cpu", "4").phase("Succeeded").build()), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void filters(String name, ObjectNode pod, ObjectNode node, List<ObjectNode> existing, List<String> reasons) {
        ClusterSnapshot s = ClusterSnapshot.of(List.of(node), existing);
        FilterResult r = new NodeResourcesFit().filter(pod, info(s, node), s);
        assertThat(r.reasons()).containsExactlyElementsOf(reasons);
        assertThat(r.code()).isEqualTo(reasons.isEmpty() ? FilterResult.Code.SUCCESS : FilterResult.Code.UNSCHEDULABLE);
    }
}
