package dev.podium.actors.scheduler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.podium.actors.scheduler.Fixtures.node;
import static dev.podium.actors.scheduler.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

class ProfileTest {
    private final Profile profile = Profile.defaults();
    private final ClusterSnapshot empty = ClusterSnapshot.of(List.of(node("n1").build()), List.of());

    private List<String> activeFilters(ObjectNode pod, ClusterSnapshot snapshot) {
        return profile.activeFilters(pod, snapshot).stream().map(FilterPlugin::name).toList();
    }

    private List<String> activeScores(ObjectNode pod, ClusterSnapshot snapshot) {
        return profile.scores().stream().map(Profile.WeightedScore::plugin).filter(p -> !p.skipsScore(pod, snapshot))
                .map(ScorePlugin::name).toList();
    }

    @Test
    void aBarePodSkipsThePluginsItAsksNothingOf() {
        ObjectNode bare = pod("bare").request("cpu", "10m").build();
        assertThat(activeFilters(bare, empty)).containsExactly("NodeUnschedulable", "TaintToleration", "NodeResourcesFit");
        assertThat(activeScores(bare, empty)).containsExactly("TaintToleration", "NodeResourcesLeastAllocated", "NodeResourcesBalancedAllocation");
    }

    @Test
    void aPodWithConstraintsRunsEveryPlugin() {
        ObjectNode demanding = pod("demanding").label("app", "web").onNode("n1").spec("""
                nodeSelector: {disk: ssd}
                affinity:
                  nodeAffinity:
                    preferredDuringSchedulingIgnoredDuringExecution: [{weight: 1, preference: {matchExpressions: [{key: zone, operator: Exists}]}}]
                  podAntiAffinity:
                    requiredDuringSchedulingIgnoredDuringExecution: [{topologyKey: kubernetes.io/hostname, labelSelector: {matchLabels: {app: web}}}]
                    preferredDuringSchedulingIgnoredDuringExecution: [{weight: 1, podAffinityTerm: {topologyKey: zone, labelSelector: {matchLabels: {app: web}}}}]
                topologySpreadConstraints:
                  - {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: web}}}
                  - {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: web}}}
                containers: [{name: c, image: x, ports: [{containerPort: 80, hostPort: 8080}]}]
                """).build();
        ClusterSnapshot withWeb = ClusterSnapshot.of(List.of(node("n1").label("zone", "a").build()),
                List.of(pod("web-1").label("app", "web").onNode("n1").build()));
        assertThat(activeFilters(demanding, withWeb)).containsExactlyElementsOf(profile.filters().stream().map(FilterPlugin::name).toList());
        assertThat(activeScores(demanding, withWeb)).hasSize(profile.scores().size());
        // with no pods anywhere, pod (anti-)affinity preferences score every node alike
        assertThat(activeScores(demanding, empty)).doesNotContain("InterPodAffinity");
    }

    @Test
    void existingPodsAntiAffinityKeepsInterPodAffinityInForABarePod() {
        ObjectNode guard = pod("guard").onNode("n1").spec("""
                affinity:
                  podAntiAffinity:
                    requiredDuringSchedulingIgnoredDuringExecution: [{topologyKey: kubernetes.io/hostname, labelSelector: {matchLabels: {app: web}}}]
                """).build();
        ClusterSnapshot snapshot = ClusterSnapshot.of(List.of(node("n1").build()), List.of(guard));
        assertThat(activeFilters(pod("web").label("app", "web").build(), snapshot)).contains("InterPodAffinity");
        assertThat(activeFilters(pod("other").label("app", "db").build(), snapshot)).doesNotContain("InterPodAffinity");
    }
}
