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

/** NodeResourcesBalancedAllocation on a 4 cpu / 8Gi node. */
class NodeResourcesBalancedAllocationTest {
    private static final NodeResourcesBalancedAllocation PLUGIN = new NodeResourcesBalancedAllocation();

    static Stream<Arguments> cases() {
        ObjectNode cpuHeavy = pod("cpu").onNode("n").request("cpu", "3").request("memory", "1Gi").build();
        return Stream.of(
                arguments("equal fractions", pod("p").request("cpu", "1").request("memory", "2Gi").build(), List.of(), 100L),
                // cpu 3.5/4 = .875, memory 1.5/8 = .1875: std .34375 -> 65
                arguments("lopsided", pod("p").request("cpu", "500m").request("memory", "512Mi").build(), List.of(cpuHeavy), 65L),
                // best effort uses plain requests (0, 0): fractions equal
                arguments("best effort on an empty node", pod("p").build(), List.of(), 100L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void scores(String name, ObjectNode pod, List<ObjectNode> existing, long expected) {
        ClusterSnapshot s = ClusterSnapshot.of(List.of(node("n").build()), existing);
        assertThat(PLUGIN.score(pod, s.nodes().get(0), s)).isEqualTo(expected);
    }
}
