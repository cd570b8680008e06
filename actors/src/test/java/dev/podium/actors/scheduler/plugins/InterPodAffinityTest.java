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

class InterPodAffinityTest {
    private static final String AFFINITY = "node(s) didn't match pod affinity rules";
    private static final String ANTI = "node(s) didn't match pod anti-affinity rules";
    private static final String EXISTING = "node(s) didn't satisfy existing pods anti-affinity rules";
    private static final String HOST = "kubernetes.io/hostname";

    /** n1, n2 in zone a; n3 in zone b; n4 without a zone. */
    private static final List<ObjectNode> NODES = List.of(
            node("n1").label("zone", "a").build(), node("n2").label("zone", "a").build(),
            node("n3").label("zone", "b").build(), node("n4").build());

    private static ObjectNode web(String node) {
        return pod("web-" + node).label("app", "web").onNode(node).build();
    }

    private static ObjectNode db(String node, String namespace) {
        return pod("db-" + node).namespace(namespace).label("app", "db").onNode(node).build();
    }

    /** A pod with one required (anti-)affinity term. */
    private static ObjectNode requiring(String kind, String app, String topologyKey, String extra) {
        return pod("p").label("app", "p").spec("affinity: {" + kind + ": {requiredDuringSchedulingIgnoredDuringExecution: [{labelSelector: {matchLabels: {app: "
                + app + "}}, topologyKey: " + topologyKey + extra + "}]}}").build();
    }

    static Stream<Arguments> cases() {
        ObjectNode toDb = requiring("podAffinity", "db", "zone", "");
        ObjectNode awayFromWeb = requiring("podAntiAffinity", "web", HOST, "");
        ObjectNode awayFromWebZone = requiring("podAntiAffinity", "web", "zone", "");
        ObjectNode loner = pod("loner").onNode("n1").spec(
                "affinity: {podAntiAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [{labelSelector: {matchLabels: {app: web}}, topologyKey: zone}]}}").build();
        ObjectNode selfAffine = pod("c").label("app", "cache").spec(
                "affinity: {podAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [{labelSelector: {matchLabels: {app: cache}}, topologyKey: zone}]}}").build();
        return Stream.of(
                arguments("no affinity", pod("p").build(), List.of(web("n1")), "n1", List.of()),
                arguments("affinity satisfied in the zone", toDb, List.of(db("n3", "default")), "n3", List.of()),
                arguments("affinity not satisfied in another zone", toDb, List.of(db("n3", "default")), "n1", List.of(AFFINITY)),
                arguments("affinity needs the topology label", toDb, List.of(db("n3", "default")), "n4", List.of(AFFINITY)),
                arguments("first pod of a self-affine group", selfAffine, List.of(), "n1", List.of()),
                arguments("no match and not self-affine", toDb, List.of(), "n1", List.of(AFFINITY)),
                arguments("affinity looks in the pod's namespace", toDb, List.of(db("n3", "other")), "n3", List.of(AFFINITY)),
                arguments("affinity with namespaces", requiring("podAffinity", "db", "zone", ", namespaces: [other]"),
                        List.of(db("n3", "other")), "n3", List.of()),
                arguments("affinity with an empty namespaceSelector", requiring("podAffinity", "db", "zone", ", namespaceSelector: {}"),
                        List.of(db("n3", "other")), "n3", List.of()),
                arguments("anti-affinity on the same host", awayFromWeb, List.of(web("n1")), "n1", List.of(ANTI)),
                arguments("anti-affinity on another host", awayFromWeb, List.of(web("n1")), "n2", List.of()),
                arguments("anti-affinity across the zone", awayFromWebZone, List.of(web("n1")), "n2", List.of(ANTI)),
                arguments("anti-affinity ignores nodes without the key", awayFromWebZone, List.of(web("n1")), "n4", List.of()),
                arguments("existing pod's anti-affinity", pod("p").label("app", "web").build(), List.of(loner), "n2", List.of(EXISTING)),
                arguments("existing pod's anti-affinity elsewhere", pod("p").label("app", "web").build(), List.of(loner), "n3", List.of()),
                arguments("existing anti-affinity does not match", pod("p").label("app", "api").build(), List.of(loner), "n1", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void filters(String name, ObjectNode pod, List<ObjectNode> existing, String node, List<String> reasons) {
        ClusterSnapshot s = ClusterSnapshot.of(NODES, existing);
        FilterResult r = new InterPodAffinity().filter(pod, s.node(node).orElseThrow(), s);
        assertThat(r.reasons()).containsExactlyElementsOf(reasons);
        if (reasons.contains(AFFINITY)) assertThat(r.code()).isEqualTo(FilterResult.Code.UNRESOLVABLE);
        if (reasons.contains(ANTI)) assertThat(r.code()).isEqualTo(FilterResult.Code.UNSCHEDULABLE);
    }

    static Stream<Arguments> scoreCases() {
        ObjectNode preferring = pod("p").label("app", "p").spec("""
                affinity:
                  podAffinity:
                    preferredDuringSchedulingIgnoredDuringExecution:
                    - {weight: 50, podAffinityTerm: {labelSelector: {matchLabels: {app: db}}, topologyKey: zone}}
                  podAntiAffinity:
                    preferredDuringSchedulingIgnoredDuringExecution:
                    - {weight: 20, podAffinityTerm: {labelSelector: {matchLabels: {app: web}}, topologyKey: kubernetes.io/hostname}}
                """).build();
        ObjectNode attracting = pod("e").onNode("n2").spec("""
                affinity: {podAffinity: {preferredDuringSchedulingIgnoredDuringExecution: [
                  {weight: 10, podAffinityTerm: {labelSelector: {matchLabels: {app: p}}, topologyKey: kubernetes.io/hostname}}]}}
                """).build();
        ObjectNode requiringP = pod("e").onNode("n2").spec("""
                affinity: {podAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [
                  {labelSelector: {matchLabels: {app: p}}, topologyKey: kubernetes.io/hostname}]}}
                """).build();
        return Stream.of(
                arguments("nothing preferred", pod("p").build(), List.of(web("n1")), new long[]{0, 0, 0}),
                // raw n1 -20, n2 0, n3 +50: min-max scaled
                arguments("own preferences", preferring, List.of(web("n1"), db("n3", "default")), new long[]{0, 28, 100}),
                arguments("existing pod's preferred affinity", pod("p").label("app", "p").build(), List.of(attracting), new long[]{0, 100, 0}),
                arguments("existing pod's required affinity", pod("p").label("app", "p").build(), List.of(requiringP), new long[]{0, 100, 0}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scoreCases")
    void scores(String name, ObjectNode pod, List<ObjectNode> existing, long[] expected) {
        ClusterSnapshot s = ClusterSnapshot.of(NODES.subList(0, 3), existing);
        assertThat(new InterPodAffinity().scoreAll(pod, s.nodes(), s)).containsExactly(expected);
    }
}
