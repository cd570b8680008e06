package dev.podium.actors.scheduler.plugins;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.scheduler.ClusterSnapshot;
import dev.podium.actors.scheduler.FilterResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static dev.podium.actors.scheduler.Fixtures.node;
import static dev.podium.actors.scheduler.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class PodTopologySpreadTest {
    private static final String SKEW = "node(s) didn't match pod topology spread constraints";
    private static final String MISSING = "node(s) didn't match pod topology spread constraints (missing required label)";

    /** n1, n2 in zone a; n3 in zone b; n4 without a zone. */
    private static final List<ObjectNode> NODES = List.of(
            node("n1").label("zone", "a").build(), node("n2").label("zone", "a").build(),
            node("n3").label("zone", "b").build(), node("n4").build());

    private static ObjectNode web(String node) {
        return pod("web-" + node).label("app", "web").onNode(node).build();
    }

    /** An app=web pod with one constraint over app=web; {@code extra} adds fields to it. */
    private static ObjectNode spreading(String key, String when, String extra) {
        return pod("p").label("app", "web").spec("topologySpreadConstraints: [{maxSkew: 1, topologyKey: " + key
                + ", whenUnsatisfiable: " + when + ", labelSelector: {matchLabels: {app: web}}" + extra + "}]").build();
    }

    static Stream<Arguments> cases() {
        ObjectNode zone = spreading("zone", "DoNotSchedule", "");
        return Stream.of(
                arguments("no constraints", pod("p").build(), List.of(web("n1")), "n1", List.of()),
                arguments("empty cluster", zone, List.of(), "n1", List.of()),
                arguments("skew too big in the fuller zone", zone, List.of(web("n1")), "n2", List.of(SKEW)),
                arguments("emptier zone is fine", zone, List.of(web("n1")), "n3", List.of()),
                arguments("node without the key", zone, List.of(), "n4", List.of(MISSING)),
                arguments("larger maxSkew", spreading("zone", "DoNotSchedule", ", maxSkew: 2"), List.of(web("n1")), "n2", List.of()),
                arguments("pod not matching its own selector", pod("p").label("app", "api").spec(
                        "topologySpreadConstraints: [{maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: web}}}]").build(),
                        List.of(web("n1")), "n2", List.of()),
                arguments("other namespaces are not counted", zone,
                        List.of(pod("w").namespace("other").label("app", "web").onNode("n1").build()), "n2", List.of()),
                arguments("balanced zones", zone, List.of(web("n1"), web("n3")), "n2", List.of()),
                arguments("minDomains not reached counts the minimum as 0", spreading("zone", "DoNotSchedule", ", minDomains: 3"),
                        List.of(web("n1"), web("n3")), "n2", List.of(SKEW)),
                arguments("nodeAffinityPolicy Honor leaves other zones out", pod("p").label("app", "web").spec("""
                        nodeSelector: {zone: a}
                        topologySpreadConstraints: [{maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: web}}}]
                        """).build(), List.of(web("n1")), "n2", List.of()),
                arguments("nodeAffinityPolicy Ignore counts them", pod("p").label("app", "web").spec("""
                        nodeSelector: {zone: a}
                        topologySpreadConstraints: [{maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, nodeAffinityPolicy: Ignore, labelSelector: {matchLabels: {app: web}}}]
                        """).build(), List.of(web("n1")), "n2", List.of(SKEW)),
                arguments("matchLabelKeys narrow the selector", pod("p").label("app", "web").label("rev", "2").spec(
                        "topologySpreadConstraints: [{maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: web}}, matchLabelKeys: [rev]}]").build(),
                        List.of(web("n1")), "n2", List.of()),
                arguments("ScheduleAnyway does not filter", spreading("zone", "ScheduleAnyway", ""), List.of(web("n1")), "n2", List.of()),
                arguments("per host", spreading("kubernetes.io/hostname", "DoNotSchedule", ""), List.of(web("n1")), "n1", List.of(SKEW)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void filters(String name, ObjectNode pod, List<ObjectNode> existing, String node, List<String> reasons) {
        ClusterSnapshot s = ClusterSnapshot.of(NODES, existing);
        FilterResult r = new PodTopologySpread().filter(pod, s.node(node).orElseThrow(), s);
        assertThat(r.reasons()).containsExactlyElementsOf(reasons);
        if (reasons.contains(MISSING)) assertThat(r.code()).isEqualTo(FilterResult.Code.UNRESOLVABLE);
    }

    static Stream<Arguments> scoreCases() {
        ObjectNode zone = spreading("zone", "ScheduleAnyway", "");
        return Stream.of(
                arguments("no soft constraints", spreading("zone", "DoNotSchedule", ""), List.of(web("n1")), 3, new long[]{0, 0, 0}),
                arguments("nothing placed yet", zone, List.of(), 3, new long[]{100, 100, 100}),
                arguments("emptier zone preferred", zone, List.of(web("n1"), web("n2")), 3, new long[]{0, 0, 100}),
                arguments("node without the key scores 0", zone, List.of(web("n1")), 4, new long[]{0, 0, 100, 0}),
                arguments("per host", spreading("kubernetes.io/hostname", "ScheduleAnyway", ""), List.of(web("n1")), 3, new long[]{0, 100, 100}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scoreCases")
    void scores(String name, ObjectNode pod, List<ObjectNode> existing, int feasible, long[] expected) {
        ClusterSnapshot s = ClusterSnapshot.of(NODES, existing);
        assertThat(new PodTopologySpread().scoreAll(pod, s.nodes().subList(0, feasible), s)).containsExactly(expected);
    }
}
