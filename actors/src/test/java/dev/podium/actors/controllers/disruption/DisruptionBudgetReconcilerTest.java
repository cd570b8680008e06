package dev.podium.actors.controllers.disruption;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.controllers.Fixtures;
import dev.podium.actors.controllers.Plan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.podium.actors.controllers.Fixtures.NOW;
import static dev.podium.actors.controllers.Fixtures.ago;
import static dev.podium.actors.controllers.Fixtures.events;
import static dev.podium.actors.controllers.Fixtures.json;
import static dev.podium.actors.controllers.Fixtures.observe;
import static dev.podium.actors.controllers.Fixtures.stamp;
import static dev.podium.actors.controllers.Fixtures.status;
import static dev.podium.actors.controllers.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

class DisruptionBudgetReconcilerTest {
    static final DisruptionBudgetReconciler R = new DisruptionBudgetReconciler();

    static ObjectNode pdb(String budget) {
        ObjectNode pdb = Fixtures.object("policy/v1", "PodDisruptionBudget", "web", "selector: {matchLabels: {app: web}}\n" + budget);
        pdb.with("metadata").put("generation", 2);
        return pdb;
    }

    /** Deployment web of 4 replicas, its ReplicaSet, and 3 ready pods of it (the 4th not made yet), plus a pod of another app. */
    static Fixtures.ObservedBuilder cluster(ObjectNode pdb, List<ObjectNode> extraPods) {
        ObjectNode d = Fixtures.object("apps/v1", "Deployment", "web", "replicas: 4");
        ObjectNode rs = Fixtures.ownedBy(Fixtures.object("apps/v1", "ReplicaSet", "web-abc", "replicas: 4"), d);
        List<ObjectNode> pods = new ArrayList<>();
        for (int i = 0; i < 3; i++) pods.add(Fixtures.pod("web-" + i).owner(rs).ready(ago(100)).build());
        pods.addAll(extraPods);
        pods.add(Fixtures.pod("other").labels("app", "other").ready(ago(100)).build());
        return observe(pdb).cached("Deployment.apps", d).cached("ReplicaSet.apps", rs).cached("Pod", pods);
    }

    @ParameterizedTest(name = "{0}: expected {1}, desired {2}, allowed {3}")
    @CsvSource(delimiter = '|', value = {
            "minAvailable: 2     | 3 | 2 | 1",
            "minAvailable: 3     | 3 | 3 | 0",
            "minAvailable: '50%' | 4 | 2 | 1",
            "minAvailable: '60%' | 4 | 3 | 0",
            "maxUnavailable: 1   | 4 | 3 | 0",
            "maxUnavailable: 2   | 4 | 2 | 1",
            "maxUnavailable: '30%' | 4 | 2 | 1",
            "maxUnavailable: '25%' | 4 | 3 | 0"})
    void countsFromTheBudget(String budget, int expected, int desired, int allowed) {
        Plan plan = R.reconcile(cluster(pdb(budget), List.of()).build());
        assertThat(json(status(plan).orElseThrow())).isEqualTo(yaml("""
                observedGeneration: 2
                disruptionsAllowed: %d
                currentHealthy: 3
                desiredHealthy: %d
                expectedPods: %d
                conditions:
                - {type: DisruptionAllowed, status: '%s', reason: %s, message: '', observedGeneration: 2, lastTransitionTime: '%s'}
                """.formatted(allowed, desired, expected, allowed > 0 ? "True" : "False", allowed > 0 ? "SufficientPods" : "InsufficientPods",
                stamp(NOW))));
    }

    @Test
    void podsWithoutAControllerAreLeftOutOfTheScaleAndReported() {
        ObjectNode loner = Fixtures.pod("loner").ready(ago(100)).build();
        Plan plan = R.reconcile(cluster(pdb("maxUnavailable: 1"), List.of(loner)).build());
        ObjectNode status = status(plan).orElseThrow();
        // the Deployment's 4; the loner is healthy all the same
        assertThat(status.path("expectedPods").asInt()).isEqualTo(4);
        assertThat(status.path("desiredHealthy").asInt()).isEqualTo(3);
        assertThat(status.path("currentHealthy").asInt()).isEqualTo(4);
        assertThat(status.path("disruptionsAllowed").asInt()).isEqualTo(1);
        assertThat(events(plan)).singleElement().asString().startsWith("Warning UnmanagedPods: Pods selected by this PodDisruptionBudget (selector: app=web)");

        // an integer minAvailable counts the pods themselves, the loner among them, and has nothing to report
        Plan integer = R.reconcile(cluster(pdb("minAvailable: 2"), List.of(loner)).build());
        assertThat(status(integer).orElseThrow().path("expectedPods").asInt()).isEqualTo(4);
        assertThat(events(integer)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "maxUnavailable: 1     | batch/v1 | Job         | jobs.batch does not implement the scale subresource",
            "minAvailable: '50%'   | apps/v1  | ReplicaSet  | found no controllers for pod \"web-9\""})
    void aControllerWithoutAScaleMakesTheBudgetFailSafe(String budget, String apiVersion, String kind, String error) {
        ObjectNode pdb = pdb(budget);
        pdb.set("status", yaml("""
                {observedGeneration: 1, disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 4,
                 conditions: [{type: DisruptionAllowed, status: 'True', reason: SufficientPods, message: '', observedGeneration: 1,
                               lastTransitionTime: '%s'}]}
                """.formatted(stamp(ago(500)))));
        ObjectNode owner = Fixtures.object(apiVersion, kind, "gone", null);
        Plan plan = R.reconcile(cluster(pdb, List.of(Fixtures.pod("web-9").owner(owner).ready(ago(100)).build())).build());
        assertThat(json(status(plan).orElseThrow())).isEqualTo(yaml("""
                {observedGeneration: 1, disruptionsAllowed: 0, currentHealthy: 3, desiredHealthy: 2, expectedPods: 4,
                 conditions: [{type: DisruptionAllowed, status: 'False', reason: SyncFailed, message: '%s', observedGeneration: 1,
                               lastTransitionTime: '%s'}]}
                """.formatted(error.replace("'", "''"), stamp(NOW))));
        assertThat(events(plan)).containsExactly("Warning CalculateExpectedPodCountFailed: Failed to calculate the number of expected pods: " + error);
    }

    @Test
    void unhealthyPodsDoNotCount() {
        ObjectNode pdb = pdb("minAvailable: 1");
        pdb.putObject("status").putObject("disruptedPods").put("web-2", stamp(ago(30)));
        ObjectNode notReady = Fixtures.pod("web-3").build();
        ObjectNode deleting = Fixtures.pod("web-4").ready(ago(100)).deleting().build();
        Plan plan = R.reconcile(cluster(pdb, List.of(notReady, deleting)).build());
        ObjectNode status = status(plan).orElseThrow();
        // web-0 and web-1; web-2 was just evicted, web-3 is not ready, web-4 is going
        assertThat(status.path("currentHealthy").asInt()).isEqualTo(2);
        assertThat(status.path("disruptionsAllowed").asInt()).isEqualTo(1);
        assertThat(json(status.path("disruptedPods"))).isEqualTo(yaml("{web-2: '" + stamp(ago(30)) + "'}"));
        // the eviction stops counting two minutes after it was recorded
        assertThat(plan.requeueAfter()).contains(Duration.ofSeconds(91));
    }

    @Test
    void healthyTakesOnlyTheReadyCondition() {
        // kube's countHealthyPods asks IsPodReady alone: a Ready pod counts whatever its phase says
        ObjectNode readyNotRunning = Fixtures.pod("web-3").phase("Pending").ready(ago(10)).build();
        ObjectNode status = status(R.reconcile(cluster(pdb("minAvailable: 1"), List.of(readyNotRunning)).build())).orElseThrow();
        assertThat(status.path("currentHealthy").asInt()).isEqualTo(4);
    }

    @Test
    void anOldDisruptionExpires() {
        ObjectNode pdb = pdb("minAvailable: 1");
        pdb.putObject("status").putObject("disruptedPods").put("web-2", stamp(ago(121)));
        ObjectNode status = status(R.reconcile(cluster(pdb, List.of()).build())).orElseThrow();
        assertThat(status.has("disruptedPods")).isFalse();
        assertThat(status.path("currentHealthy").asInt()).isEqualTo(3);
    }

    @Test
    void theTransitionTimeMovesOnlyWithTheStatus() {
        ObjectNode pdb = pdb("minAvailable: 2");
        pdb.putObject("status").putArray("conditions").add(yaml("{type: DisruptionAllowed, status: 'True', lastTransitionTime: '" + stamp(ago(500)) + "'}"));
        ObjectNode status = status(R.reconcile(cluster(pdb, List.of()).build())).orElseThrow();
        assertThat(status.at("/conditions/0/lastTransitionTime").asText()).isEqualTo(stamp(ago(500)));
    }
}
