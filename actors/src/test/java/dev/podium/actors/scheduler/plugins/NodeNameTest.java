package dev.podium.actors.scheduler.plugins;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.scheduler.ClusterSnapshot;
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

class NodeNameTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("no node name", pod("p").build(), List.of()),
                arguments("same node", pod("p").onNode("n").build(), List.of()),
                arguments("other node", pod("p").onNode("m").build(), List.of("node(s) didn't match the requested node name")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void filters(String name, ObjectNode pod, List<String> reasons) {
        ObjectNode n = node("n").build();
        ClusterSnapshot s = ClusterSnapshot.of(List.of(n), List.of());
        assertThat(new NodeName().filter(pod, info(s, n), s).reasons()).containsExactlyElementsOf(reasons);
    }
}
