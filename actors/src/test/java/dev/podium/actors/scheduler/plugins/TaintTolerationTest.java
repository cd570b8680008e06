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

class TaintTolerationTest {

    private static ObjectNode tolerating(String tolerations) {
        return pod("p").spec("tolerations: " + tolerations).build();
    }

    static Stream<Arguments> cases() {
        ObjectNode cp = node("n").taint("node-role.kubernetes.io/control-plane", null, "NoSchedule").build();
        ObjectNode dedicated = node("n").taint("dedicated", "gpu", "NoSchedule").build();
        return Stream.of(
                arguments("no taints", node("n").build(), pod("p").build(), List.of()),
                arguments("untolerated NoSchedule", cp, pod("p").build(),
                        List.of("node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }")),
                arguments("untolerated NoExecute", node("n").taint("node.kubernetes.io/unreachable", null, "NoExecute").build(), pod("p").build(),
                        List.of("node(s) had untolerated taint {node.kubernetes.io/unreachable: }")),
                arguments("value is printed", dedicated, pod("p").build(), List.of("node(s) had untolerated taint {dedicated: gpu}")),
                arguments("PreferNoSchedule does not filter", node("n").taint("soft", null, "PreferNoSchedule").build(), pod("p").build(), List.of()),
                arguments("Exists on the key", cp, tolerating("[{key: node-role.kubernetes.io/control-plane, operator: Exists}]"), List.of()),
                arguments("Equal with value", dedicated, tolerating("[{key: dedicated, operator: Equal, value: gpu, effect: NoSchedule}]"), List.of()),
                arguments("default operator is Equal", dedicated, tolerating("[{key: dedicated, value: gpu}]"), List.of()),
                arguments("wrong value", dedicated, tolerating("[{key: dedicated, operator: Equal, value: cpu}]"),
                        List.of("node(s) had untolerated taint {dedicated: gpu}")),
                arguments("wrong effect", dedicated, tolerating("[{key: dedicated, operator: Exists, effect: NoExecute}]"),
                        List.of("node(s) had untolerated taint {dedicated: gpu}")),
                arguments("empty key with Exists tolerates all", dedicated, tolerating("[{operator: Exists}]"), List.of()),
                arguments("first untolerated taint is reported",
                        node("n").taint("a", "1", "NoSchedule").taint("b", "2", "NoExecute").build(),
                        tolerating("[{key: a, operator: Exists}]"), List.of("node(s) had untolerated taint {b: 2}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void filters(String name, ObjectNode node, ObjectNode pod, List<String> reasons) {
        ClusterSnapshot s = ClusterSnapshot.of(List.of(node), List.of());
        assertThat(new TaintToleration().filter(pod, info(s, node), s).reasons()).containsExactlyElementsOf(reasons);
    }

    static Stream<Arguments> scoreCases() {
        return Stream.of(
                arguments("no toleration", pod("p").build(), new long[]{100, 50, 0}),
                arguments("tolerates a", tolerating("[{key: a, operator: Exists, effect: PreferNoSchedule}]"), new long[]{100, 100, 0}),
                arguments("NoSchedule toleration does not count", tolerating("[{key: a, operator: Exists, effect: NoSchedule}]"),
                        new long[]{100, 50, 0}),
                arguments("tolerates everything", tolerating("[{operator: Exists}]"), new long[]{100, 100, 100}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scoreCases")
    void scoresFewerIntolerablePreferNoScheduleHigher(String name, ObjectNode pod, long[] expected) {
        List<ObjectNode> nodes = List.of(node("n1").build(),
                node("n2").taint("a", null, "PreferNoSchedule").build(),
                node("n3").taint("a", null, "PreferNoSchedule").taint("b", null, "PreferNoSchedule").build());
        ClusterSnapshot s = ClusterSnapshot.of(nodes, List.of());
        assertThat(new TaintToleration().scoreAll(pod, s.nodes(), s)).containsExactly(expected);
    }
}
