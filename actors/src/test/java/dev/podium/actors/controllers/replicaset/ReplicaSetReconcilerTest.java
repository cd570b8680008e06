package dev.podium.actors.controllers.replicaset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.controllers.Action;
import dev.podium.actors.controllers.Fixtures;
import dev.podium.actors.controllers.Plan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static dev.podium.actors.controllers.Fixtures.NOW;
import static dev.podium.actors.controllers.Fixtures.actions;
import static dev.podium.actors.controllers.Fixtures.ago;
import static dev.podium.actors.controllers.Fixtures.created;
import static dev.podium.actors.controllers.Fixtures.deleted;
import static dev.podium.actors.controllers.Fixtures.observe;
import static dev.podium.actors.controllers.Fixtures.patches;
import static dev.podium.actors.controllers.Fixtures.stamp;
import static dev.podium.actors.controllers.Fixtures.status;
import static dev.podium.actors.controllers.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

class ReplicaSetReconcilerTest {
    static final ReplicaSetReconciler RS = new ReplicaSetReconciler(false);
    static final ReplicaSetReconciler RC = new ReplicaSetReconciler(true);

    /** ReplicaSet web selecting app=web, its template labelled app=web, tier=fe. */
    static ObjectNode rs(int replicas) {
        return Fixtures.object("apps/v1", "ReplicaSet", "web", """
                replicas: %d
                selector: {matchLabels: {app: web}}
                template:
                  metadata:
                    labels: {app: web, tier: fe}
                    annotations: {note: kept}
                  spec:
                    containers: [{name: main, image: nginx}]
                """.formatted(replicas));
    }

    static Fixtures.PodBuilder pod(String name, ObjectNode owner) {
        return Fixtures.pod(name).labels("app", "web", "tier", "fe").owner(owner);
    }

    static Plan reconcile(ReplicaSetReconciler r, ObjectNode owner, ObjectNode... pods) {
        return r.reconcile(observe(owner).owned("Pod", pods).build());
    }

    @Test
    void createsTheMissingPodsFromTheTemplateWithAControllerReference() {
        ObjectNode rs = rs(3);
        Plan plan = reconcile(RS, rs, pod("web-a", rs).build());

        List<Action.Create> creates = actions(plan, Action.Create.class);
        assertThat(creates).hasSize(2).allSatisfy(c -> {
            assertThat(c.generateName()).isTrue();
            assertThat(c.kind().entityTypeName()).isEqualTo("Pod");
            assertThat(c.object()).isEqualTo(yaml("""
                    apiVersion: v1
                    kind: Pod
                    metadata:
                      generateName: web-
                      namespace: ns
                      labels: {app: web, tier: fe}
                      annotations: {note: kept}
                      ownerReferences:
                      - {apiVersion: apps/v1, kind: ReplicaSet, name: web, uid: web-uid, controller: true, blockOwnerDeletion: true}
                    spec:
                      containers: [{name: main, image: nginx}]
                    """));
        });
        assertThat(deleted(plan)).isEmpty();
    }

    @Test
    void createsAtMost500PodsPerReconcile() {
        assertThat(created(reconcile(RS, rs(700)), "Pod")).hasSize(500);
    }

    @Test
    void createsNoMorePodsThanItsControllerCanStartNow() {
        assertThat(created(RS.reconcile(observe(rs(700)).createsAllowed(16).build()), "Pod")).hasSize(16);
        assertThat(created(RS.reconcile(observe(rs(700)).createsAllowed(0).build()), "Pod")).isEmpty();
    }

    @Test
    void deletesAtMost500PodsPerReconcile() {
        ObjectNode rs = rs(0);
        List<ObjectNode> pods = new ArrayList<>();
        for (int i = 0; i < 600; i++) pods.add(pod("web-" + i, rs).build());
        assertThat(deleted(RS.reconcile(observe(rs).owned("Pod", pods).build()))).hasSize(500);
    }

    @Test
    void scaleDownDeletesTheLeastUsefulPodsFirst() {
        ObjectNode rs = rs(2);
        Plan plan = reconcile(RS, rs,
                pod("ready-old", rs).node("n1").ready(ago(3000)).build(),
                pod("unscheduled", rs).phase("Pending").build(),
                pod("ready-new", rs).node("n2").ready(ago(5)).build(),
                pod("not-ready", rs).node("n3").build());

        assertThat(actions(plan, Action.Delete.class)).containsExactly(
                new Action.Delete(ReplicaSetReconciler.POD, "ns/unscheduled", "unscheduled-uid", ""),
                new Action.Delete(ReplicaSetReconciler.POD, "ns/not-ready", "not-ready-uid", ""));
        assertThat(created(plan, "Pod")).isEmpty();
    }

    /** ReplicaSet web-{@code hash} of Deployment web, selecting app=web and its pod-template-hash. */
    static ObjectNode deploymentReplicaSet(ObjectNode d, String hash, int replicas) {
        return Fixtures.ownedBy(Fixtures.object("apps/v1", "ReplicaSet", "web-" + hash, """
                replicas: %d
                selector: {matchLabels: {app: web, pod-template-hash: %s}}
                template:
                  metadata: {labels: {app: web, pod-template-hash: %s}}
                  spec: {containers: [{name: main, image: nginx}]}
                """.formatted(replicas, hash, hash)), d);
    }

    @Test
    void scaleDownRanksByThePodsOnTheSameNodeOfEveryReplicaSetOfTheSameController() {
        ObjectNode d = Fixtures.object("apps/v1", "Deployment", "web", "replicas: 3");
        ObjectNode fresh = deploymentReplicaSet(d, "new", 1);
        ObjectNode old = deploymentReplicaSet(d, "old", 2);
        ObjectNode a = Fixtures.pod("a").labels("app", "web", "pod-template-hash", "new").owner(fresh).node("n1").ready(ago(100)).build();
        ObjectNode b = Fixtures.pod("b").labels("app", "web", "pod-template-hash", "new").owner(fresh).node("n2").ready(ago(100)).build();
        ObjectNode o1 = Fixtures.pod("o1").labels("app", "web", "pod-template-hash", "old").owner(old).node("n2").ready(ago(100)).build();
        ObjectNode o2 = Fixtures.pod("o2").labels("app", "web", "pod-template-hash", "old").owner(old).node("n2").ready(ago(100)).build();
        ObjectNode gone = Fixtures.pod("gone").labels("app", "web", "pod-template-hash", "old").owner(old).node("n1").phase("Succeeded").build();

        Plan plan = RS.reconcile(observe(fresh).owned("Pod", a, b).cached("ReplicaSet.apps", fresh, old).cached("Pod", a, b, o1, o2, gone).build());

        // n2 holds three of the Deployment's active pods, n1 one (a finished pod does not count)
        assertThat(deleted(plan)).containsExactly("ns/b");
    }

    @Test
    void aReplicaSetWithoutAControllerHasNoRelatedPodsToRankBy() {
        // kube's getReplicaSetsWithSameController finds nothing for it: every pod ranks 0, the other rules decide
        ObjectNode rs = rs(2);
        Plan plan = reconcile(RS, rs, pod("b", rs).node("n2").ready(ago(100)).build(), pod("c", rs).node("n2").ready(ago(100)).build(),
                pod("a", rs).node("n1").ready(ago(100)).build());
        assertThat(deleted(plan)).containsExactly("ns/a");
    }

    @Test
    void adoptsMatchingOrphansAndCountsThem() {
        ObjectNode rs = rs(2);
        ObjectNode orphan = Fixtures.pod("stray").labels("app", "web").with(p -> p.with("metadata").withArray("ownerReferences")
                .addObject().put("apiVersion", "v1").put("kind", "ConfigMap").put("name", "cm").put("uid", "cm-uid")).build();
        Plan plan = RS.reconcile(observe(rs).owned("Pod", pod("web-a", rs).build()).orphans("Pod", orphan).build());

        assertThat(patches(plan, "ns/stray")).singleElement().satisfies(p -> assertThat(p.patch()).isEqualTo(yaml("""
                metadata:
                  uid: stray-uid
                  ownerReferences:
                  - {apiVersion: v1, kind: ConfigMap, name: cm, uid: cm-uid}
                  - {apiVersion: apps/v1, kind: ReplicaSet, name: web, uid: web-uid, controller: true, blockOwnerDeletion: true}
                """)));
        assertThat(created(plan, "Pod")).isEmpty();
        assertThat(status(plan)).hasValueSatisfying(s -> assertThat(s.path("replicas").asInt()).isEqualTo(2));
    }

    @Test
    void finishedOrphansAreNotAdopted() {
        ObjectNode rs = rs(1);
        Plan plan = RS.reconcile(observe(rs).orphans("Pod", Fixtures.pod("done").phase("Succeeded").build()).build());
        assertThat(patches(plan, "ns/done")).isEmpty();
        assertThat(created(plan, "Pod")).hasSize(1);
    }

    @Test
    void releasesOwnedPodsWhoseLabelsStopMatchingAndReplacesThem() {
        ObjectNode rs = rs(1);
        ObjectNode relabelled = pod("web-a", rs).labels("app", "debug").build();
        Plan plan = reconcile(RS, rs, relabelled);

        assertThat(patches(plan, "ns/web-a")).singleElement().satisfies(p -> assertThat(p.patch()).isEqualTo(yaml("""
                metadata: {uid: web-a-uid, ownerReferences: null}
                """)));
        assertThat(created(plan, "Pod")).hasSize(1);
        assertThat(status(plan)).hasValueSatisfying(s -> assertThat(s.path("replicas").asInt()).isEqualTo(0));
    }

    @Test
    void aReleaseKeepsOtherOwners() {
        ObjectNode rs = rs(0);
        ObjectNode relabelled = pod("web-a", rs).labels("app", "debug").with(p -> ((com.fasterxml.jackson.databind.node.ArrayNode) p.at("/metadata/ownerReferences"))
                .insertObject(0).put("apiVersion", "v1").put("kind", "ConfigMap").put("name", "cm").put("uid", "cm-uid")).build();
        assertThat(patches(reconcile(RS, rs, relabelled), "ns/web-a")).singleElement().satisfies(p -> assertThat(p.patch()).isEqualTo(yaml("""
                metadata:
                  uid: web-a-uid
                  ownerReferences: [{apiVersion: v1, kind: ConfigMap, name: cm, uid: cm-uid}]
                """)));
    }

    @Test
    void aReplicaSetBeingDeletedCreatesDeletesAndReleasesNothingButKeepsItsStatus() {
        ObjectNode growing = rs(3);
        growing.with("metadata").put("deletionTimestamp", stamp(ago(1)));
        Plan plan = reconcile(RS, growing, pod("web-a", growing).build(), pod("web-b", growing).labels("app", "debug").build());
        assertThat(actions(plan)).singleElement().isInstanceOf(Action.UpdateStatus.class);
        assertThat(status(plan).orElseThrow().path("replicas").asInt()).isEqualTo(1);

        ObjectNode shrinking = rs(0);
        shrinking.with("metadata").put("deletionTimestamp", stamp(ago(1)));
        assertThat(deleted(reconcile(RS, shrinking, pod("web-a", shrinking).build()))).isEmpty();
        assertThat(RS.adoptionSelector(shrinking)).isEmpty();
    }

    @Test
    void statusCountsReplicasFullyLabeledReadyAndAvailablePods() {
        ObjectNode rs = rs(3);
        rs.with("spec").put("minReadySeconds", 30);
        rs.with("metadata").put("generation", 4);
        Plan plan = reconcile(RS, rs,
                pod("available", rs).ready(ago(100)).build(),
                pod("partly-labelled", rs).labels("app", "web").ready(ago(10)).build(),
                pod("not-ready", rs).build(),
                pod("succeeded", rs).phase("Succeeded").build(),
                pod("terminating", rs).ready(ago(100)).deleting().build());

        assertThat(status(plan).map(Fixtures::json)).contains(yaml("""
                replicas: 3
                fullyLabeledReplicas: 2
                readyReplicas: 2
                availableReplicas: 1
                observedGeneration: 4
                """));
    }

    @Test
    void aPodReadyForExactlyMinReadySecondsIsNotYetAvailable() {
        // kube's IsPodAvailable: lastTransitionTime + minReadySeconds must be strictly before now
        ObjectNode rs = rs(1);
        rs.with("spec").put("minReadySeconds", 30);
        Plan plan = reconcile(RS, rs, pod("web-a", rs).ready(ago(30)).build());
        assertThat(status(plan).orElseThrow().has("availableReplicas")).isFalse();
        assertThat(plan.requeueAfter()).contains(Duration.ofSeconds(1));
    }

    @Test
    void anUnchangedStatusIsNotWritten() {
        ObjectNode rs = rs(1);
        ObjectNode pod = pod("web-a", rs).ready(ago(100)).build();
        rs.set("status", status(reconcile(RS, rs, pod)).orElseThrow());
        assertThat(actions(reconcile(RS, rs, pod))).isEmpty();
    }

    static Stream<Arguments> replicaFailure() {
        String since = stamp(ago(300));
        return Stream.of(
                Arguments.of("a refused create while short of pods", 2, "quota exceeded", null,
                        "{type: ReplicaFailure, status: 'True', reason: FailedCreate, message: quota exceeded, lastTransitionTime: '" + stamp(NOW) + "'}"),
                Arguments.of("a refused delete while over", 0, "forbidden", null,
                        "{type: ReplicaFailure, status: 'True', reason: FailedDelete, message: forbidden, lastTransitionTime: '" + stamp(NOW) + "'}"),
                Arguments.of("a failure that goes on keeps its transition time", 2, "quota exceeded",
                        "{type: ReplicaFailure, status: 'True', reason: FailedCreate, message: quota exceeded, lastTransitionTime: '" + since + "'}",
                        "{type: ReplicaFailure, status: 'True', reason: FailedCreate, message: quota exceeded, lastTransitionTime: '" + since + "'}"),
                Arguments.of("a failure that goes on with another error keeps the first condition as it is", 2, "forbidden",
                        "{type: ReplicaFailure, status: 'True', reason: FailedCreate, message: quota exceeded, lastTransitionTime: '" + since + "'}",
                        "{type: ReplicaFailure, status: 'True', reason: FailedCreate, message: quota exceeded, lastTransitionTime: '" + since + "'}"),
                Arguments.of("no failure removes the condition", 1, null,
                        "{type: ReplicaFailure, status: 'True', reason: FailedCreate, message: quota exceeded, lastTransitionTime: '" + since + "'}", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void replicaFailure(String what, int replicas, String failure, String before, String after) {
        ObjectNode rs = rs(replicas);
        if (before != null) rs.putObject("status").putArray("conditions").add(yaml(before));
        Plan plan = RS.reconcile(observe(rs).owned("Pod", pod("web-a", rs).build()).failure(failure).build());
        JsonNode conditions = status(plan).orElseThrow().path("conditions");
        if (after == null) {
            assertThat(conditions.isMissingNode()).isTrue();
        } else {
            assertThat(conditions).containsExactly(yaml(after));
        }
    }

    static Stream<Arguments> requeue() {
        return Stream.of(
                Arguments.of("ready 10 s of 30: 1 s after it becomes available", 30, List.of(10L), Duration.ofSeconds(21)),
                Arguments.of("the soonest pod decides", 30, List.of(5L, 25L, 100L), Duration.ofSeconds(6)),
                Arguments.of("all available: no requeue", 30, List.of(100L), null),
                Arguments.of("no minReadySeconds: no requeue", 0, List.of(0L), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void requeue(String what, int minReadySeconds, List<Long> readyAgo, Duration expected) {
        ObjectNode rs = rs(readyAgo.size());
        rs.with("spec").put("minReadySeconds", minReadySeconds);
        List<ObjectNode> pods = new ArrayList<>();
        for (int i = 0; i < readyAgo.size(); i++) pods.add(pod("web-" + i, rs).ready(ago(readyAgo.get(i))).build());
        assertThat(RS.reconcile(observe(rs).owned("Pod", pods).build()).requeueAfter()).isEqualTo(Optional.ofNullable(expected));
    }

    @Test
    void aReplicationControllerSelectsWithItsLabelMap() {
        ObjectNode rc = Fixtures.object("v1", "ReplicationController", "web", """
                replicas: 2
                selector: {app: web}
                template:
                  metadata: {labels: {app: web}}
                  spec: {containers: [{name: main, image: nginx}]}
                """);
        Plan plan = reconcile(RC, rc, pod("web-a", rc).build(), pod("web-b", rc).labels("app", "other").build());

        assertThat(patches(plan, "ns/web-b")).singleElement().satisfies(p -> assertThat(p.patch().at("/metadata/ownerReferences").isNull()).isTrue());
        assertThat(created(plan, "Pod")).singleElement().satisfies(p -> assertThat(p.at("/metadata/ownerReferences/0")).isEqualTo(yaml("""
                {apiVersion: v1, kind: ReplicationController, name: web, uid: web-uid, controller: true, blockOwnerDeletion: true}
                """)));
        assertThat(RC.adoptionSelector(rc).orElseThrow().matchesObject(Fixtures.pod("x").labels("app", "web", "extra", "1").build())).isTrue();
        assertThat(RC.adoptionSelector(rc).orElseThrow().matchesObject(Fixtures.pod("y").labels("app", "other").build())).isFalse();

        rc.with("spec").putObject("selector");
        assertThat(RC.adoptionSelector(rc).orElseThrow().matchesObject(Fixtures.pod("x").build())).isFalse();
    }
}
