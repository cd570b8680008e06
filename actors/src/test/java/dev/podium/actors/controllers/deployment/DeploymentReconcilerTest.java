package dev.podium.actors.controllers.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.controllers.Action;
import dev.podium.actors.controllers.Fixtures;
import dev.podium.actors.controllers.Plan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static dev.podium.actors.controllers.Fixtures.NOW;
import static dev.podium.actors.controllers.Fixtures.actions;
import static dev.podium.actors.controllers.Fixtures.ago;
import static dev.podium.actors.controllers.Fixtures.condition;
import static dev.podium.actors.controllers.Fixtures.created;
import static dev.podium.actors.controllers.Fixtures.deleted;
import static dev.podium.actors.controllers.Fixtures.events;
import static dev.podium.actors.controllers.Fixtures.json;
import static dev.podium.actors.controllers.Fixtures.observe;
import static dev.podium.actors.controllers.Fixtures.stamp;
import static dev.podium.actors.controllers.Fixtures.status;
import static dev.podium.actors.controllers.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

class DeploymentReconcilerTest {
    static final DeploymentReconciler R = new DeploymentReconciler();
    static final String RS_KIND = "ReplicaSet.apps";

    /** Deployment web (app=web) of {@code replicas} running nginx:{@code version}, with the API's defaults written out. */
    static ObjectNode deployment(int replicas, String version, String strategy) {
        ObjectNode d = Fixtures.object("apps/v1", "Deployment", "web", """
                replicas: %d
                selector: {matchLabels: {app: web}}
                strategy: %s
                revisionHistoryLimit: 10
                progressDeadlineSeconds: 600
                template:
                  metadata: {labels: {app: web}}
                  spec: {containers: [{name: main, image: 'nginx:%s'}]}
                """.formatted(replicas, strategy, version));
        return d;
    }

    static ObjectNode rolling(int replicas, String version, Object maxSurge, Object maxUnavailable) {
        return deployment(replicas, version, "{type: RollingUpdate, rollingUpdate: {maxSurge: %s, maxUnavailable: %s}}".formatted(maxSurge, maxUnavailable));
    }

    static void changeTemplate(ObjectNode d, String version) {
        ((ObjectNode) d.at("/spec/template/spec/containers/0")).put("image", "nginx:" + version);
        d.with("metadata").put("generation", d.at("/metadata/generation").asLong() + 1);
    }

    static String hash(ObjectNode d) {
        return TemplateHash.of(d.at("/spec/template"), 0);
    }

    /** A ReplicaSet of the Deployment as the controller would have made it for nginx:{@code version}, with its pods' counts. */
    static ObjectNode replicaSet(ObjectNode d, String version, int revision, int spec, int available, Instant created) {
        ObjectNode template = d.deepCopy();
        ((ObjectNode) template.at("/spec/template/spec/containers/0")).put("image", "nginx:" + version);
        ObjectNode rs = new Rollout(template, List.of(), NOW).newReplicaSet(spec);
        rs.with("metadata").put("uid", rs.at("/metadata/name").asText() + "-uid").put("generation", 1).put("creationTimestamp", stamp(created));
        rs.with("metadata").with("annotations").put(Revisions.REVISION, Integer.toString(revision));
        rs.putObject("status").put("replicas", spec).put("readyReplicas", available).put("availableReplicas", available).put("observedGeneration", 1);
        return rs;
    }

    /**
     * The Deployment and its ReplicaSets as the API would hold them while the controller's plans
     * are carried out: a scaled-down ReplicaSet loses its pods at once, a scaled-up one gets
     * available pods only when {@link #settle} says so.
     */
    static final class Cluster {
        ObjectNode d;
        final List<ObjectNode> replicaSets = new ArrayList<>();
        final List<String> revisionPatches = new ArrayList<>();
        Instant now = NOW;

        Cluster(ObjectNode d) {
            this.d = d;
        }

        Plan reconcile() {
            List<ObjectNode> copies = replicaSets.stream().map(ObjectNode::deepCopy).toList();
            Plan plan = R.reconcile(observe(d.deepCopy()).owned(RS_KIND, copies).at(now).build());
            for (Action a : actions(plan)) {
                if (a instanceof Action.Create c) {
                    ObjectNode rs = c.object().deepCopy();
                    rs.with("metadata").put("uid", rs.at("/metadata/name").asText() + "-uid").put("generation", 1).put("creationTimestamp", stamp(now));
                    rs.putObject("status").put("observedGeneration", 1);
                    replicaSets.add(rs);
                } else if (a instanceof Action.Patch p) {
                    int i = indexOf(p.objectKey());
                    ObjectNode rs = Fixtures.merged(replicaSets.get(i), p.patch());
                    int spec = rs.at("/spec/replicas").asInt();
                    for (String f : new String[] {"replicas", "readyReplicas", "availableReplicas"}) {
                        rs.with("status").put(f, Math.min(spec, rs.path("status").path(f).asInt(0)));
                    }
                    replicaSets.set(i, rs);
                } else if (a instanceof Action.Delete del) {
                    replicaSets.remove(indexOf(del.objectKey()));
                } else if (a instanceof Action.UpdateStatus s) {
                    d.set("status", s.status());
                } else if (a instanceof Action.PatchOwner p) {
                    revisionPatches.add(p.patch().at("/metadata/annotations/" + Revisions.REVISION.replace("/", "~1")).asText());
                    d = Fixtures.merged(d, p.patch());
                }
            }
            now = now.plusSeconds(1);
            return plan;
        }

        int indexOf(String key) {
            for (int i = 0; i < replicaSets.size(); i++) if (("ns/" + replicaSets.get(i).at("/metadata/name").asText()).equals(key)) return i;
            throw new AssertionError("no ReplicaSet " + key);
        }

        boolean settled() {
            return replicaSets.stream().allMatch(rs -> rs.at("/status/availableReplicas").asInt(0) == rs.at("/spec/replicas").asInt());
        }

        /** Every pod of every ReplicaSet is there and available. */
        void settle() {
            for (ObjectNode rs : replicaSets) {
                int spec = rs.at("/spec/replicas").asInt();
                rs.with("status").put("replicas", spec).put("readyReplicas", spec).put("availableReplicas", spec);
            }
        }

        int available() {
            return replicaSets.stream().mapToInt(rs -> rs.at("/status/availableReplicas").asInt(0)).sum();
        }

        int pods() {
            return replicaSets.stream().mapToInt(rs -> Math.max(rs.at("/spec/replicas").asInt(), rs.at("/status/replicas").asInt(0))).sum();
        }

        /**
         * Reconciles until nothing is left to do, pods becoming available only when the
         * controller waits for them; after every step availability and the pod count stay in bounds.
         */
        Cluster rollOut(int minAvailable, int maxPods) {
            for (int step = 0; step < 200; step++) {
                Plan plan = reconcile();
                assertThat(available()).as("available after step %d", step).isGreaterThanOrEqualTo(minAvailable);
                assertThat(pods()).as("pods after step %d", step).isLessThanOrEqualTo(maxPods);
                boolean wrote = actions(plan).stream().anyMatch(a -> a instanceof Action.Create || a instanceof Action.Patch || a instanceof Action.Delete);
                if (!wrote && settled() && plan.actions().isEmpty()) return this;
                if (!wrote) settle();
            }
            throw new AssertionError("no end to the rollout");
        }

        ObjectNode withImage(String version) {
            return replicaSets.stream().filter(rs -> rs.at("/spec/template/spec/containers/0/image").asText().equals("nginx:" + version)).findFirst()
                    .orElseThrow();
        }
    }

    @Test
    void aNewDeploymentCreatesItsFirstReplicaSet() {
        ObjectNode d = deployment(5, "1.25", "{type: RollingUpdate, rollingUpdate: {maxSurge: 25%, maxUnavailable: 25%}}");
        d.with("metadata").putObject("annotations").put("kubernetes.io/change-cause", "first")
                .put("kubectl.kubernetes.io/last-applied-configuration", "{}");
        Plan plan = R.reconcile(observe(d).build());
        String name = "web-" + hash(d);

        assertThat(created(plan, RS_KIND)).singleElement().satisfies(rs -> assertThat(json(rs)).isEqualTo(yaml("""
                apiVersion: apps/v1
                kind: ReplicaSet
                metadata:
                  name: %s
                  namespace: ns
                  labels: {app: web, pod-template-hash: '%s'}
                  annotations:
                    kubernetes.io/change-cause: first
                    deployment.kubernetes.io/revision: '1'
                    deployment.kubernetes.io/desired-replicas: '5'
                    deployment.kubernetes.io/max-replicas: '7'
                  ownerReferences:
                  - {apiVersion: apps/v1, kind: Deployment, name: web, uid: web-uid, controller: true, blockOwnerDeletion: true}
                spec:
                  replicas: 5
                  selector: {matchLabels: {app: web, pod-template-hash: '%s'}}
                  template:
                    metadata: {labels: {app: web, pod-template-hash: '%s'}}
                    spec: {containers: [{name: main, image: 'nginx:1.25'}]}
                """.formatted(name, hash(d), hash(d), hash(d)))));
        assertThat(events(plan)).containsExactly("Normal ScalingReplicaSet: Scaled up replica set " + name + " from 0 to 5");
        assertThat(condition(status(plan).orElseThrow(), "Progressing")).isEqualTo(yaml("""
                {type: Progressing, status: 'True', lastUpdateTime: '%s', lastTransitionTime: '%s', reason: NewReplicaSetCreated,
                 message: 'Created new replica set "%s"'}
                """.formatted(stamp(NOW), stamp(NOW), name)));
    }

    @Test
    void theDeploymentTakesItsNewReplicaSetsRevision() {
        Cluster c = new Cluster(rolling(2, "1.25", 1, 0)).rollOut(0, 3);
        assertThat(c.revisionPatches).containsExactly("1");
        assertThat(c.d.at("/metadata/annotations").get(Revisions.REVISION).asText()).isEqualTo("1");

        changeTemplate(c.d, "1.26");
        c.rollOut(2, 3);
        assertThat(c.revisionPatches).containsExactly("1", "2");
        assertThat(Revisions.of(c.withImage("1.26"))).isEqualTo(2);
    }

    @Test
    void theDeploymentTakesTheRevisionOfTheReplicaSetItCreatesInTheSameReconcile() {
        Cluster c = new Cluster(rolling(2, "1.25", 1, 0));
        Plan first = c.reconcile();
        assertThat(created(first, RS_KIND)).singleElement().satisfies(rs -> assertThat(Revisions.of(rs)).isEqualTo(1));
        assertThat(actions(first, Action.PatchOwner.class)).singleElement().satisfies(p -> {
            assertThat(json(p.patch())).isEqualTo(yaml("metadata: {uid: web-uid, annotations: {deployment.kubernetes.io/revision: '1'}}"));
            // beside the status write of the same reconcile, which goes first at the version seen
            assertThat(p.anyVersion()).isTrue();
        });
        List<Action> all = actions(first);
        assertThat(all.indexOf(actions(first, Action.UpdateStatus.class).get(0))).isLessThan(all.indexOf(actions(first, Action.PatchOwner.class).get(0)));
        c.rollOut(0, 3);

        changeTemplate(c.d, "1.26");
        Plan second = c.reconcile();
        assertThat(created(second, RS_KIND)).singleElement().satisfies(rs -> assertThat(Revisions.of(rs)).isEqualTo(2));
        assertThat(c.d.at("/metadata/annotations").get(Revisions.REVISION).asText()).isEqualTo("2");
        assertThat(c.revisionPatches).containsExactly("1", "2");
    }

    @Test
    void aChangedMinReadySecondsIsCopiedToTheNewReplicaSet() {
        Cluster c = new Cluster(rolling(2, "1.25", 1, 0)).rollOut(0, 3);
        String key = "ns/" + c.withImage("1.25").at("/metadata/name").asText();
        c.d.with("spec").put("minReadySeconds", 30);

        Plan plan = c.reconcile();
        assertThat(Fixtures.patches(plan, key)).singleElement()
                .satisfies(p -> assertThat(json(p.patch()).at("/spec")).isEqualTo(yaml("minReadySeconds: 30")));
        assertThat(c.withImage("1.25").at("/spec/minReadySeconds").asInt()).isEqualTo(30);
        assertThat(created(plan, RS_KIND)).isEmpty();
        assertThat(actions(c.reconcile(), Action.Patch.class)).isEmpty();

        c.d.with("spec").remove("minReadySeconds");
        c.reconcile();
        assertThat(c.withImage("1.25").at("/spec/minReadySeconds").asInt()).isZero();
    }

    @Test
    void aRollingUpdateWithSurge1AndNoUnavailabilityGoesOnePodAtATime() {
        Cluster c = new Cluster(rolling(5, "1.25", 1, 0)).rollOut(0, 6);
        changeTemplate(c.d, "1.26");
        c.rollOut(5, 6);

        assertThat(c.withImage("1.26").at("/spec/replicas").asInt()).isEqualTo(5);
        assertThat(c.withImage("1.25").at("/spec/replicas").asInt()).isEqualTo(0);
        JsonNode s = c.d.path("status");
        assertThat(s.path("replicas").asInt()).isEqualTo(5);
        assertThat(s.path("updatedReplicas").asInt()).isEqualTo(5);
        assertThat(s.path("availableReplicas").asInt()).isEqualTo(5);
        assertThat(s.path("observedGeneration").asInt()).isEqualTo(2);
        assertThat(condition(s, "Progressing").path("reason").asText()).isEqualTo("NewReplicaSetAvailable");
    }

    @Test
    void aRollingUpdateWithTheDefault25PercentOf10() {
        Cluster c = new Cluster(deployment(10, "1.25", "{type: RollingUpdate}")).rollOut(0, 13);
        changeTemplate(c.d, "1.26");
        // surge ceil(2.5) = 3, unavailable floor(2.5) = 2
        c.rollOut(8, 13);

        assertThat(c.withImage("1.26").at("/spec/replicas").asInt()).isEqualTo(10);
        assertThat(c.withImage("1.25").at("/spec/replicas").asInt()).isEqualTo(0);
    }

    @Test
    void recreateEmptiesTheOldReplicaSetAndWaitsForItsPodsToGo() {
        Cluster c = new Cluster(deployment(3, "1.25", "{type: Recreate}")).rollOut(0, 3);
        ObjectNode old = c.withImage("1.25");
        changeTemplate(c.d, "1.26");

        Plan first = c.reconcile();
        assertThat(created(first, RS_KIND)).isEmpty();
        assertThat(actions(first, Action.Patch.class)).singleElement()
                .satisfies(p -> assertThat(p.patch().at("/spec/replicas").asInt()).isEqualTo(0));

        ObjectNode terminating = Fixtures.pod("web-old").owner(c.withImage("1.25")).deleting().build();
        List<ObjectNode> rs = c.replicaSets;
        Plan waiting = R.reconcile(observe(c.d).owned(RS_KIND, rs).cached("Pod", terminating).build());
        assertThat(created(waiting, RS_KIND)).isEmpty();
        assertThat(actions(waiting, Action.Patch.class)).isEmpty();

        ObjectNode notYetCounted = c.withImage("1.25").deepCopy();
        notYetCounted.with("status").put("replicas", 1);
        Plan counting = R.reconcile(observe(c.d).owned(RS_KIND, notYetCounted).build());
        assertThat(created(counting, RS_KIND)).isEmpty();

        ObjectNode finished = Fixtures.pod("web-old").owner(old).phase("Succeeded").build();
        Plan next = R.reconcile(observe(c.d).owned(RS_KIND, rs).cached("Pod", finished).build());
        assertThat(created(next, RS_KIND)).singleElement().satisfies(n -> assertThat(n.at("/metadata/name").asText()).isEqualTo("web-" + hash(c.d)));

        c.rollOut(0, 3);
        assertThat(c.withImage("1.26").at("/spec/replicas").asInt()).isEqualTo(3);
    }

    @Test
    void aRollbackReusesTheOldReplicaSetUnderTheNextRevision() {
        Cluster c = new Cluster(rolling(2, "1.25", 1, 0)).rollOut(0, 3);
        changeTemplate(c.d, "1.26");
        c.rollOut(2, 3);
        String first = c.withImage("1.25").at("/metadata/name").asText();
        c.revisionPatches.clear();

        changeTemplate(c.d, "1.25");
        c.rollOut(2, 3);

        assertThat(c.replicaSets).hasSize(2);
        ObjectNode back = c.withImage("1.25");
        assertThat(back.at("/metadata/name").asText()).isEqualTo(first);
        assertThat(back.at("/spec/replicas").asInt()).isEqualTo(2);
        JsonNode a = back.at("/metadata/annotations");
        assertThat(a.path(Revisions.REVISION).asText()).isEqualTo("3");
        assertThat(a.path(Revisions.REVISION_HISTORY).asText()).isEqualTo("1");
        // the Deployment goes from revision 2 straight to 3, never back to the reused ReplicaSet's old 1
        assertThat(c.revisionPatches).containsExactly("3");
    }

    @Test
    void aPausedDeploymentScalesButDoesNotRollOut() {
        Cluster c = new Cluster(rolling(3, "1.25", 1, 0)).rollOut(0, 4);
        c.d.with("spec").put("paused", true).put("replicas", 5);
        changeTemplate(c.d, "1.26");
        Instant at = c.now;

        Plan plan = c.reconcile();
        assertThat(created(plan, RS_KIND)).isEmpty();
        assertThat(actions(plan, Action.Patch.class)).singleElement().satisfies(p -> assertThat(json(p.patch()).at("/spec")).isEqualTo(yaml("replicas: 5")));
        assertThat(condition(c.d.path("status"), "Progressing")).isEqualTo(yaml("""
                {type: Progressing, status: Unknown, lastUpdateTime: '%s', lastTransitionTime: '%s', reason: DeploymentPaused, message: Deployment is paused}
                """.formatted(stamp(at), stamp(at))));

        c.rollOut(3, 5);
        assertThat(c.replicaSets).singleElement().satisfies(rs -> assertThat(rs.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("nginx:1.25"));

        c.d.with("spec").put("paused", false);
        c.rollOut(5, 7);
        assertThat(c.withImage("1.26").at("/spec/replicas").asInt()).isEqualTo(5);
        assertThat(c.withImage("1.25").at("/spec/replicas").asInt()).isEqualTo(0);
    }

    static Stream<Arguments> proportionalScaling() {
        return Stream.of(
                // kube's documented example: 5 more go 3 to the larger old ReplicaSet, 2 to the new one
                Arguments.of("10 to 15", 15, 11, 7, "18"),
                Arguments.of("10 to 5", 5, 5, 3, "8"),
                Arguments.of("10 to 11: the new ReplicaSet keeps its size", 11, 9, 5, "14"),
                Arguments.of("10 to 0", 0, 0, 0, "3"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void proportionalScaling(String what, int replicas, int oldSize, int newSize, String maxReplicas) {
        ObjectNode d = rolling(10, "1.25", 3, 2);
        ObjectNode old = replicaSet(d, "1.25", 1, 8, 8, ago(600));
        changeTemplate(d, "1.26");
        ObjectNode fresh = replicaSet(d, "1.26", 2, 5, 0, ago(60));
        d.with("spec").put("replicas", replicas);

        Plan plan = R.reconcile(observe(d).owned(RS_KIND, old, fresh).build());

        assertThat(created(plan, RS_KIND)).isEmpty();
        for (var e : List.of(Map.entry(old, oldSize), Map.entry(fresh, newSize))) {
            String key = "ns/" + e.getKey().at("/metadata/name").asText();
            assertThat(Fixtures.patches(plan, key)).as(key).singleElement().satisfies(p -> assertThat(json(p.patch())).isEqualTo(yaml("""
                    metadata:
                      uid: %s-uid
                      annotations: {deployment.kubernetes.io/desired-replicas: '%d', deployment.kubernetes.io/max-replicas: '%s'}
                    spec: {replicas: %d}
                    """.formatted(key.substring(3), replicas, maxReplicas, e.getValue()))));
        }
    }

    @ParameterizedTest(name = "max-replicas {0}")
    @CsvSource({"missing, ", "not a number, abc"})
    void proportionalScalingFallsBackToTheDeploymentsStatusReplicasWithoutMaxReplicas(String what, String annotation) {
        ObjectNode d = rolling(10, "1.25", 3, 2);
        ObjectNode old = replicaSet(d, "1.25", 1, 8, 8, ago(600));
        ObjectNode annotations = old.with("metadata").with("annotations");
        if (annotation == null) annotations.remove(Revisions.MAX_REPLICAS);
        else annotations.put(Revisions.MAX_REPLICAS, annotation);
        changeTemplate(d, "1.26");
        ObjectNode fresh = replicaSet(d, "1.26", 2, 5, 0, ago(60));
        d.set("status", yaml("{observedGeneration: 2, replicas: 13, updatedReplicas: 5, readyReplicas: 8, availableReplicas: 8}"));
        d.with("spec").put("replicas", 15);

        Plan plan = R.reconcile(observe(d).owned(RS_KIND, old, fresh).build());

        // 18 allowed: the old ReplicaSet's share is estimated against the Deployment's 13 replicas, not its own 8
        assertThat(Fixtures.patches(plan, "ns/" + old.at("/metadata/name").asText())).singleElement()
                .satisfies(p -> assertThat(p.patch().at("/spec/replicas").asInt()).isEqualTo(11));
        assertThat(Fixtures.patches(plan, "ns/" + fresh.at("/metadata/name").asText())).singleElement()
                .satisfies(p -> assertThat(p.patch().at("/spec/replicas").asInt()).isEqualTo(7));
    }

    @Test
    void aRolloutScaledMidwayFinishesAtTheNewSize() {
        ObjectNode d = rolling(10, "1.25", 3, 2);
        ObjectNode old = replicaSet(d, "1.25", 1, 8, 8, ago(600));
        changeTemplate(d, "1.26");
        ObjectNode fresh = replicaSet(d, "1.26", 2, 5, 0, ago(60));
        d.with("spec").put("replicas", 11);
        Cluster c = new Cluster(d);
        c.replicaSets.addAll(List.of(old, fresh));

        c.rollOut(8, 14);
        assertThat(c.withImage("1.26").at("/spec/replicas").asInt()).isEqualTo(11);
        assertThat(c.withImage("1.25").at("/spec/replicas").asInt()).isEqualTo(0);
    }

    @Test
    void cleanupKeepsRevisionHistoryLimitEmptyOldReplicaSets() {
        ObjectNode d = rolling(2, "5", 1, 0);
        d.with("spec").put("revisionHistoryLimit", 2);
        List<ObjectNode> all = new ArrayList<>();
        for (int rev = 1; rev <= 4; rev++) all.add(replicaSet(d, Integer.toString(rev), rev, 0, 0, ago(5000 - rev * 100)));
        ObjectNode notObserved = replicaSet(d, "0", 0, 0, 0, ago(6000));
        notObserved.with("metadata").put("generation", 2);
        all.add(notObserved);
        ObjectNode current = replicaSet(d, "5", 5, 2, 2, ago(100));
        all.add(current);
        d.with("metadata").putObject("annotations").put(Revisions.REVISION, "5");
        d.set("status", yaml("{observedGeneration: 1, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2}"));

        Plan plan = R.reconcile(observe(d).owned(RS_KIND, all).build());

        assertThat(deleted(plan)).containsExactly("ns/" + all.get(0).at("/metadata/name").asText(), "ns/" + all.get(1).at("/metadata/name").asText());
    }

    /** replicas 4 (maxSurge 1): old nginx:1 with 3 of 3 available, new nginx:2 with 1 of 2 ready and none available. */
    static ObjectNode midRollout(Object maxUnavailable, List<ObjectNode> into) {
        ObjectNode d = rolling(4, "1", 1, maxUnavailable);
        into.add(replicaSet(d, "1", 1, 3, 3, ago(600)));
        changeTemplate(d, "2");
        d.with("metadata").put("generation", 1);
        ObjectNode fresh = replicaSet(d, "2", 2, 2, 0, ago(60));
        fresh.with("status").put("readyReplicas", 1);
        into.add(fresh);
        d.with("metadata").putObject("annotations").put(Revisions.REVISION, "2");
        return d;
    }

    static Stream<Arguments> availability() {
        return Stream.of(
                Arguments.of(0, "{type: Available, status: 'False', reason: MinimumReplicasUnavailable, message: Deployment does not have minimum availability.}"),
                Arguments.of(1, "{type: Available, status: 'True', reason: MinimumReplicasAvailable, message: Deployment has minimum availability.}"));
    }

    @ParameterizedTest(name = "maxUnavailable {0}")
    @MethodSource
    void availability(int maxUnavailable, String expected) {
        List<ObjectNode> rs = new ArrayList<>();
        ObjectNode d = midRollout(maxUnavailable, rs);
        ObjectNode status = json(status(R.reconcile(observe(d).owned(RS_KIND, rs).build())).orElseThrow()).deepCopy();
        ObjectNode available = ((ObjectNode) condition(status, "Available")).deepCopy();
        available.remove(List.of("lastUpdateTime", "lastTransitionTime"));
        assertThat(available).isEqualTo(yaml(expected));
        status.remove("conditions");
        assertThat(status).isEqualTo(yaml("{observedGeneration: 1, replicas: 5, updatedReplicas: 2, readyReplicas: 4, availableReplicas: 3, unavailableReplicas: 2}"));
    }

    static ObjectNode progressing(String status, String reason, String message, Instant updated, Instant transitioned) {
        return yaml("{type: Progressing, status: '%s', lastUpdateTime: '%s', lastTransitionTime: '%s', reason: %s, message: '%s'}"
                .formatted(status, stamp(updated), stamp(transitioned), reason, message));
    }

    @Test
    void progressMadeSinceTheLastStatusRefreshesProgressing() {
        List<ObjectNode> rs = new ArrayList<>();
        ObjectNode d = midRollout(0, rs);
        String name = rs.get(1).at("/metadata/name").asText();
        d.set("status", yaml("{observedGeneration: 1, replicas: 4, updatedReplicas: 1, readyReplicas: 3, availableReplicas: 3}"));
        d.with("status").putArray("conditions").add(progressing("True", "ReplicaSetUpdated", "ReplicaSet \"" + name + "\" is progressing.", ago(300), ago(900)));

        Plan plan = R.reconcile(observe(d).owned(RS_KIND, rs).build());

        assertThat(condition(status(plan).orElseThrow(), "Progressing"))
                .isEqualTo(progressing("True", "ReplicaSetUpdated", "ReplicaSet \"" + name + "\" is progressing.", NOW, ago(900)));
        assertThat(plan.requeueAfter()).contains(Duration.ofSeconds(601));
    }

    static Stream<Arguments> deadline() {
        return Stream.of(
                Arguments.of("within the deadline: look again when it passes", 100, Duration.ofSeconds(501), false),
                Arguments.of("past the deadline: timed out", 700, null, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deadline")
    void progressDeadline(String what, long updatedAgo, Duration requeue, boolean timedOut) {
        List<ObjectNode> rs = new ArrayList<>();
        ObjectNode d = midRollout(0, rs);
        String name = rs.get(1).at("/metadata/name").asText();
        ObjectNode before = progressing("True", "ReplicaSetUpdated", "ReplicaSet \"" + name + "\" is progressing.", ago(updatedAgo), ago(900));
        d.set("status", yaml("{observedGeneration: 1, replicas: 5, updatedReplicas: 2, readyReplicas: 4, availableReplicas: 3, unavailableReplicas: 2}"));
        d.with("status").putArray("conditions").add(before);

        Plan plan = R.reconcile(observe(d).owned(RS_KIND, rs).build());

        JsonNode after = status(plan).map(s -> condition(s, "Progressing")).orElse(before);
        assertThat(after).isEqualTo(timedOut
                ? progressing("False", "ProgressDeadlineExceeded", "ReplicaSet \"" + name + "\" has timed out progressing.", NOW, NOW)
                : before);
        assertThat(plan.requeueAfter()).isEqualTo(Optional.ofNullable(requeue));
    }

    @Test
    void aCompleteRolloutSaysTheNewReplicaSetHasProgressed() {
        Cluster c = new Cluster(rolling(2, "1.25", 1, 0)).rollOut(0, 3);
        String name = c.withImage("1.25").at("/metadata/name").asText();
        assertThat(condition(c.d.path("status"), "Progressing").path("message").asText()).isEqualTo("ReplicaSet \"" + name + "\" has successfully progressed.");
        assertThat(condition(c.d.path("status"), "Progressing").path("reason").asText()).isEqualTo("NewReplicaSetAvailable");
        assertThat(c.reconcile().actions()).isEmpty();
    }
}
