package dev.podium.actors.scheduler.plugins;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.scheduler.ClusterSnapshot;
import dev.podium.actors.scheduler.NodeInfo;
import org.junit.jupiter.api.Test;
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

class NodeAffinityTest {
    private static final ObjectNode NODE = node("n1").label("zone", "a").label("disk", "ssd").label("cores", "8").build();

    private static ObjectNode required(String terms) {
        return pod("p").spec("affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: " + terms + "}}}").build();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("no constraints", pod("p").build(), true),
                arguments("nodeSelector matches", pod("p").spec("nodeSelector: {zone: a, disk: ssd}").build(), true),
                arguments("nodeSelector value differs", pod("p").spec("nodeSelector: {zone: b}").build(), false),
                arguments("nodeSelector label missing", pod("p").spec("nodeSelector: {gpu: 'true'}").build(), false),
                arguments("In", required("[{matchExpressions: [{key: zone, operator: In, values: [a, b]}]}]"), true),
                arguments("In misses", required("[{matchExpressions: [{key: zone, operator: In, values: [b]}]}]"), false),
                arguments("NotIn", required("[{matchExpressions: [{key: zone, operator: NotIn, values: [b]}]}]"), true),
                arguments("NotIn on a missing label", required("[{matchExpressions: [{key: gpu, operator: NotIn, values: [x]}]}]"), true),
                arguments("Exists", required("[{matchExpressions: [{key: disk, operator: Exists}]}]"), true),
                arguments("DoesNotExist", required("[{matchExpressions: [{key: disk, operator: DoesNotExist}]}]"), false),
                arguments("Gt", required("[{matchExpressions: [{key: cores, operator: Gt, values: ['4']}]}]"), true),
                arguments("Gt equal", required("[{matchExpressions: [{key: cores, operator: Gt, values: ['8']}]}]"), false),
                arguments("Lt", required("[{matchExpressions: [{key: cores, operator: Lt, values: ['16']}]}]"), true),
                arguments("Gt on a non-integer label", required("[{matchExpressions: [{key: zone, operator: Gt, values: ['1']}]}]"), false),
                arguments("expressions are ANDed", required(
                        "[{matchExpressions: [{key: zone, operator: In, values: [a]}, {key: disk, operator: In, values: [hdd]}]}]"), false),
                arguments("terms are ORed", required(
                        "[{matchExpressions: [{key: zone, operator: In, values: [b]}]}, {matchExpressions: [{key: disk, operator: In, values: [ssd]}]}]"), true),
                arguments("empty term matches nothing", required("[{}]"), false),
                arguments("no terms match nothing", required("[]"), false),
                arguments("matchFields metadata.name", required("[{matchFields: [{key: metadata.name, operator: In, values: [n1]}]}]"), true),
                arguments("matchFields other name", required("[{matchFields: [{key: metadata.name, operator: In, values: [n2]}]}]"), false),
                arguments("nodeSelector and affinity both apply", pod("p").spec("""
                        nodeSelector: {zone: b}
                        affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [{matchExpressions: [{key: zone, operator: Exists}]}]}}}
                        """).build(), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void filters(String name, ObjectNode pod, boolean fits) {
        ClusterSnapshot s = ClusterSnapshot.of(List.of(NODE), List.of());
        List<String> expected = fits ? List.of() : List.of("node(s) didn't match Pod's node affinity/selector");
        assertThat(new NodeAffinity().filter(pod, info(s, NODE), s).reasons()).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> scoreCases() {
        String preferred = """
                affinity: {nodeAffinity: {preferredDuringSchedulingIgnoredDuringExecution: [
                  {weight: 10, preference: {matchExpressions: [{key: zone, operator: In, values: [a]}]}},
                  {weight: 30, preference: {matchExpressions: [{key: disk, operator: In, values: [ssd]}]}}]}}
                """;
        return Stream.of(
                arguments("no preferences", pod("p").build(), new long[]{0, 0, 0}),
                // raw 40, 10, 0 scaled so the best is 100
                arguments("weights summed and scaled", pod("p").spec(preferred).build(), new long[]{100, 25, 0}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scoreCases")
    void scores(String name, ObjectNode pod, long[] expected) {
        List<ObjectNode> nodes = List.of(node("n1").label("zone", "a").label("disk", "ssd").build(),
                node("n2").label("zone", "a").build(), node("n3").label("zone", "b").build());
        ClusterSnapshot s = ClusterSnapshot.of(nodes, List.of());
        assertThat(new NodeAffinity().scoreAll(pod, s.nodes(), s)).containsExactly(expected);
    }

    @Test
    void unmatchedNodeIsUnresolvable() {
        ClusterSnapshot s = ClusterSnapshot.of(List.of(NODE), List.of());
        NodeInfo n = info(s, NODE);
        assertThat(new NodeAffinity().filter(pod("p").spec("nodeSelector: {zone: b}").build(), n, s).code())
                .isEqualTo(dev.podium.actors.scheduler.FilterResult.Code.UNRESOLVABLE);
    }
}
