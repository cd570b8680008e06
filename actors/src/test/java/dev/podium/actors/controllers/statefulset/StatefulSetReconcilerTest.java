package dev.podium.actors.controllers.statefulset;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.controllers.Action;
import dev.podium.actors.controllers.ControllerRevisions;
import dev.podium.actors.controllers.Fixtures;
import dev.podium.actors.controllers.Plan;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.podium.actors.controllers.Fixtures.actions;
import static dev.podium.actors.controllers.Fixtures.ago;
import static dev.podium.actors.controllers.Fixtures.created;
import static dev.podium.actors.controllers.Fixtures.deleted;
import static dev.podium.actors.controllers.Fixtures.json;
import static dev.podium.actors.controllers.Fixtures.observe;
import static dev.podium.actors.controllers.Fixtures.status;
import static dev.podium.actors.controllers.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

class StatefulSetReconcilerTest {
    static final StatefulSetReconciler R = new StatefulSetReconciler();
    static final String REVISION = "ControllerRevision.apps";

    /** StatefulSet web (app=web, Service nginx) of {@code replicas} running nginx:{@code version}. */
    static ObjectNode sts(int replicas, String version, String more) {
        ObjectNode sts = Fixtures.object("apps/v1", "StatefulSet", "web", """
                replicas: %d
                serviceName: nginx
                selector: {matchLabels: {app: web}}
                podManagementPolicy: OrderedReady
                updateStrategy: {type: RollingUpdate, rollingUpdate: {partition: 0}}
                template:
                  metadata: {labels: {app: web}}
                  spec: {containers: [{name: main, image: 'nginx:%s'}]}
                """.formatted(replicas, version));
        if (!more.isBlank()) yaml(more).fields().forEachRemaining(e -> sts.with("spec").set(e.getKey(), e.getValue()));
        return sts;
    }

    static ObjectNode revision(ObjectNode sts, List<ObjectNode> before) {
        ObjectNode r = ControllerRevisions.create(sts, before);
        r.with("metadata").put("uid", r.at("/metadata/name").asText() + "-uid");
        return r;
    }

    static String revisionName(ObjectNode sts) {
        return "web-" + ControllerRevisions.hash(sts);
    }

    static ObjectNode pod(int ordinal, ObjectNode sts, String revision, boolean healthy) {
        Fixtures.PodBuilder b = Fixtures.pod("web-" + ordinal).owner(sts).label(ControllerRevisions.HASH_LABEL, revision);
        if (healthy) b.ready(ago(100));
        else b.phase("Pending");
        return b.build();
    }

    static Plan reconcile(ObjectNode sts, List<ObjectNode> revisions, List<ObjectNode> pods, List<ObjectNode> claims) {
        return R.reconcile(observe(sts).owned(REVISION, revisions).owned("Pod", pods).cached("PersistentVolumeClaim", claims).build());
    }

    static List<String> createdPods(Plan plan) {
        return created(plan, "Pod").stream().map(p -> p.at("/metadata/name").asText()).toList();
    }

    @Test
    void theFirstReconcileOnlyRecordsTheRevision() {
        ObjectNode sts = sts(3, "1", "");
        Plan plan = reconcile(sts, List.of(), List.of(), List.of());
        assertThat(created(plan, REVISION)).singleElement().satisfies(r -> assertThat(r.at("/metadata/name").asText()).isEqualTo(revisionName(sts)));
        assertThat(created(plan, "Pod")).isEmpty();
    }

    @Test
    void orderedReadyCreatesEachPodOnlyOnceThePreviousIsRunningAndReady() {
        ObjectNode sts = sts(3, "1", "");
        List<ObjectNode> revs = List.of(revision(sts, List.of()));
        String rev = revisionName(sts);

        assertThat(createdPods(reconcile(sts, revs, List.of(), List.of()))).containsExactly("web-0");
        assertThat(createdPods(reconcile(sts, revs, List.of(pod(0, sts, rev, false)), List.of()))).isEmpty();
        ObjectNode readyButPending = Fixtures.pod("web-0").owner(sts).label(ControllerRevisions.HASH_LABEL, rev).phase("Pending").ready(ago(5)).build();
        assertThat(createdPods(reconcile(sts, revs, List.of(readyButPending), List.of()))).isEmpty();
        assertThat(createdPods(reconcile(sts, revs, List.of(pod(0, sts, rev, true)), List.of()))).containsExactly("web-1");
        assertThat(createdPods(reconcile(sts, revs, List.of(pod(0, sts, rev, true), pod(1, sts, rev, true)), List.of()))).containsExactly("web-2");
    }

    @Test
    void podsHaveTheirIdentity() {
        ObjectNode sts = sts(1, "1", "");
        Plan plan = reconcile(sts, List.of(revision(sts, List.of())), List.of(), List.of());
        assertThat(actions(plan, Action.Create.class)).singleElement().satisfies(c -> {
            assertThat(c.generateName()).isFalse();
            assertThat(json(c.object())).isEqualTo(yaml("""
                    apiVersion: v1
                    kind: Pod
                    metadata:
                      name: web-0
                      namespace: ns
                      labels: {app: web, statefulset.kubernetes.io/pod-name: web-0, apps.kubernetes.io/pod-index: '0', controller-revision-hash: %s}
                      ownerReferences:
                      - {apiVersion: apps/v1, kind: StatefulSet, name: web, uid: web-uid, controller: true, blockOwnerDeletion: true}
                    spec:
                      containers: [{name: main, image: 'nginx:1'}]
                      hostname: web-0
                      subdomain: nginx
                    """.formatted(revisionName(sts))));
        });
    }

    @Test
    void claimsComeFirstAndThePodWaitsForThem() {
        ObjectNode sts = sts(1, "1", """
                volumeClaimTemplates:
                - metadata: {name: data, labels: {tier: db}}
                  spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
                """);
        List<ObjectNode> revs = List.of(revision(sts, List.of()));

        Plan first = reconcile(sts, revs, List.of(), List.of());
        assertThat(created(first, "Pod")).isEmpty();
        assertThat(created(first, "PersistentVolumeClaim")).singleElement().satisfies(c -> assertThat(json(c)).isEqualTo(yaml("""
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata:
                  name: data-web-0
                  namespace: ns
                  labels: {tier: db, app: web}
                spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
                """)));

        ObjectNode claim = created(first, "PersistentVolumeClaim").get(0);
        Plan second = reconcile(sts, revs, List.of(), List.of(claim));
        assertThat(created(second, "PersistentVolumeClaim")).isEmpty();
        assertThat(created(second, "Pod")).singleElement().satisfies(p -> assertThat(json(p.at("/spec/volumes"))).isEqualTo(yaml("""
                v: [{name: data, persistentVolumeClaim: {claimName: data-web-0}}]
                """).get("v")));
    }

    @Test
    void scaleDownRemovesTheHighestOrdinalFirstOneAtATime() {
        ObjectNode sts = sts(1, "1", "");
        List<ObjectNode> revs = List.of(revision(sts, List.of()));
        String rev = revisionName(sts);
        List<ObjectNode> pods = new ArrayList<>(List.of(pod(0, sts, rev, true), pod(1, sts, rev, true), pod(2, sts, rev, true)));
        assertThat(deleted(reconcile(sts, revs, pods, List.of()))).containsExactly("ns/web-2");

        pods.set(2, Fixtures.pod("web-2").owner(sts).label(ControllerRevisions.HASH_LABEL, rev).ready(ago(100)).deleting().build());
        assertThat(deleted(reconcile(sts, revs, pods, List.of()))).isEmpty();

        pods.remove(2);
        pods.set(0, pod(0, sts, rev, false));
        assertThat(deleted(reconcile(sts, revs, pods, List.of()))).isEmpty();
    }

    @Test
    void orderedReadyScaleDownWaitsUnlessThePodToDeleteIsTheFirstUnhealthyOne() {
        ObjectNode sts = sts(1, "1", "");
        List<ObjectNode> revs = List.of(revision(sts, List.of()));
        String rev = revisionName(sts);

        // web-1 and web-2 unhealthy: web-2 goes next but web-1 is the first unhealthy pod, so wait for it
        assertThat(deleted(reconcile(sts, revs, List.of(pod(0, sts, rev, true), pod(1, sts, rev, false), pod(2, sts, rev, false)), List.of())))
                .isEmpty();
        // web-2 the only unhealthy one: it is the first unhealthy pod and goes
        assertThat(deleted(reconcile(sts, revs, List.of(pod(0, sts, rev, true), pod(1, sts, rev, true), pod(2, sts, rev, false)), List.of())))
                .containsExactly("ns/web-2");
        // web-2 healthy goes, whatever web-1 is
        assertThat(deleted(reconcile(sts, revs, List.of(pod(0, sts, rev, true), pod(1, sts, rev, false), pod(2, sts, rev, true)), List.of())))
                .containsExactly("ns/web-2");
    }

    @Test
    void parallelCreatesAndDeletesAllAtOnce() {
        ObjectNode sts = sts(3, "1", "podManagementPolicy: Parallel");
        List<ObjectNode> revs = List.of(revision(sts, List.of()));
        assertThat(createdPods(reconcile(sts, revs, List.of(), List.of()))).containsExactly("web-0", "web-1", "web-2");

        sts.with("spec").put("replicas", 1);
        String rev = revisionName(sts);
        assertThat(deleted(reconcile(sts, revs, List.of(pod(0, sts, rev, false), pod(1, sts, rev, false), pod(2, sts, rev, false)), List.of())))
                .containsExactly("ns/web-2", "ns/web-1");
    }

    @Test
    void aRollingUpdateReplacesFromTheHighestOrdinalDownToThePartition() {
        ObjectNode v1 = sts(3, "1", "");
        ObjectNode r1 = revision(v1, List.of());
        String old = revisionName(v1);
        ObjectNode sts = sts(3, "2", "updateStrategy: {type: RollingUpdate, rollingUpdate: {partition: 1}}");
        sts.putObject("status").put("currentRevision", old);
        ObjectNode r2 = revision(sts, List.of(r1));
        String fresh = revisionName(sts);
        List<ObjectNode> revs = List.of(r1, r2);

        assertThat(deleted(reconcile(sts, revs, List.of(pod(0, sts, old, true), pod(1, sts, old, true), pod(2, sts, old, true)), List.of())))
                .containsExactly("ns/web-2");
        Plan recreate = reconcile(sts, revs, List.of(pod(0, sts, old, true), pod(1, sts, old, true)), List.of());
        assertThat(created(recreate, "Pod")).singleElement().satisfies(p -> {
            assertThat(p.at("/metadata/labels/controller-revision-hash").asText()).isEqualTo(fresh);
            assertThat(p.at("/spec/containers/0/image").asText()).isEqualTo("nginx:2");
        });
        assertThat(deleted(reconcile(sts, revs, List.of(pod(0, sts, old, true), pod(1, sts, old, true), pod(2, sts, fresh, false)), List.of()))).isEmpty();
        assertThat(deleted(reconcile(sts, revs, List.of(pod(0, sts, old, true), pod(1, sts, old, true), pod(2, sts, fresh, true)), List.of())))
                .containsExactly("ns/web-1");
        Plan done = reconcile(sts, revs, List.of(pod(0, sts, old, true), pod(1, sts, fresh, true), pod(2, sts, fresh, true)), List.of());
        assertThat(deleted(done)).isEmpty();

        // below the partition a missing pod comes back at the current revision
        Plan below = reconcile(sts, revs, List.of(pod(1, sts, fresh, true), pod(2, sts, fresh, true)), List.of());
        assertThat(created(below, "Pod")).singleElement().satisfies(p -> {
            assertThat(p.at("/metadata/name").asText()).isEqualTo("web-0");
            assertThat(p.at("/metadata/labels/controller-revision-hash").asText()).isEqualTo(old);
            assertThat(p.at("/spec/containers/0/image").asText()).isEqualTo("nginx:1");
        });
    }

    @Test
    void statusCountsRevisionsAndMovesCurrentOnceTheRolloutIsDone() {
        ObjectNode v1 = sts(2, "1", "");
        ObjectNode r1 = revision(v1, List.of());
        String old = revisionName(v1);
        ObjectNode sts = sts(2, "2", "");
        sts.with("metadata").put("generation", 2);
        sts.putObject("status").put("currentRevision", old);
        List<ObjectNode> revs = List.of(r1, revision(sts, List.of(r1)));
        String fresh = revisionName(sts);

        Plan midway = reconcile(sts, revs, List.of(pod(0, sts, old, true), pod(1, sts, fresh, false)), List.of());
        assertThat(json(status(midway).orElseThrow())).isEqualTo(yaml("""
                observedGeneration: 2
                replicas: 2
                availableReplicas: 1
                readyReplicas: 1
                currentReplicas: 1
                updatedReplicas: 1
                currentRevision: %s
                updateRevision: %s
                collisionCount: 0
                """.formatted(old, fresh)));

        Plan done = reconcile(sts, revs, List.of(pod(0, sts, fresh, true), pod(1, sts, fresh, true)), List.of());
        assertThat(json(status(done).orElseThrow())).isEqualTo(yaml("""
                observedGeneration: 2
                replicas: 2
                availableReplicas: 2
                readyReplicas: 2
                currentReplicas: 2
                updatedReplicas: 2
                currentRevision: %s
                updateRevision: %s
                collisionCount: 0
                """.formatted(fresh, fresh)));
    }

    @Test
    void readyPodsAreLookedAtAgainWhenMinReadySecondsMakesThemAvailable() {
        ObjectNode sts = sts(1, "1", "minReadySeconds: 30");
        String rev = revisionName(sts);
        ObjectNode pod = Fixtures.pod("web-0").owner(sts).label(ControllerRevisions.HASH_LABEL, rev).ready(ago(10)).build();
        Plan plan = reconcile(sts, List.of(revision(sts, List.of())), List.of(pod), List.of());
        assertThat(status(plan).orElseThrow().path("availableReplicas").asInt()).isZero();
        // kube requeues after minReadySeconds; not before the pod can be available
        assertThat(plan.requeueAfter()).hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofSeconds(20), Duration.ofSeconds(30)));
    }
}
