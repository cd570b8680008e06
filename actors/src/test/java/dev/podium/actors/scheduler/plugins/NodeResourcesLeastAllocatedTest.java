package dev.podium.actors.scheduler.plugins;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.scheduler.ClusterSnapshot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static dev.podium.actors.scheduler.Fixtures.node;
import static dev.podium.actors.scheduler.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** NodeResourcesLeastAllocated on a 4 cpu / 8Gi node. */
class NodeResourcesLeastAllocatedTest {
    private static final NodeResourcesLeastAllocated PLUGIN = new NodeResourcesLeastAllocated();

    static Stream<Arguments> cases() {
        ObjectNode half = pod("half").onNode("n").request("cpu", "2").request("memory", "4Gi").build();
        return Stream.of(
                // cpu (4000-1000)*100/4000 = 75, memory (8Gi-2Gi)/8Gi = 75
                arguments("empty node", pod("p").request("cpu", "1").request("memory", "2Gi").build(), List.of(), 75L),
                // non-zero defaults: cpu 100m -> 97, memory 200Mi -> 97
                arguments("best effort counts defaults", pod("p").build(), List.of(), 97L),
                // cpu 3000/4000 -> 25, memory 6Gi/8Gi -> 25
                arguments("half used", pod("p").request("cpu", "1").request("memory", "2Gi").build(), List.of(half), 25L),
                arguments("over capacity scores 0", pod("p").request("cpu", "8").request("memory", "16Gi").build(), List.of(), 0L),
                // each container counts 100m and 200Mi: cpu (4000-1200)/4000 -> 70, memory (8Gi-6Gi-400Mi)/8Gi -> 20
                arguments("defaults per container", pod("p").spec("containers: [{name: a}, {name: b}]").build(),
                        List.of(pod("e").onNode("n").request("cpu", "1").request("memory", "6Gi").build()), 45L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void scores(String name, ObjectNode pod, List<ObjectNode> existing, long expected) {
        ClusterSnapshot s = ClusterSnapshot.of(List.of(node("n").build()), existing);
        assertThat(PLUGIN.score(pod, s.nodes().get(0), s)).isEqualTo(expected);
    }
}
