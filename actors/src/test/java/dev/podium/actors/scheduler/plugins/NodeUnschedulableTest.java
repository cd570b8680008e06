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

class NodeUnschedulableTest {
    private static final String REASON = "node(s) were unschedulable";

    static Stream<Arguments> cases() {
        ObjectNode cordoned = node("n").unschedulable().build();
        return Stream.of(
                arguments("schedulable node", node("n").build(), pod("p").build(), List.of()),
                arguments("cordoned node", cordoned, pod("p").build(), List.of(REASON)),
                arguments("tolerates unschedulable", cordoned,
                        pod("p").spec("tolerations: [{key: node.kubernetes.io/unschedulable, operator: Exists, effect: NoSchedule}]").build(), List.of()),
                arguments("tolerates everything", cordoned, pod("p").spec("tolerations: [{operator: Exists}]").build(), List.of()),
                arguments("NoExecute toleration does not count", cordoned,
                        pod("p").spec("tolerations: [{key: node.kubernetes.io/unschedulable, operator: Exists, effect: NoExecute}]").build(),
                        List.of(REASON)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void filters(String name, ObjectNode node, ObjectNode pod, List<String> reasons) {
        ClusterSnapshot s = ClusterSnapshot.of(List.of(node), List.of());
        assertThat(new NodeUnschedulable().filter(pod, info(s, node), s).reasons()).containsExactlyElementsOf(reasons);
    }
}
