package dev.podium.actors.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigFactory;
import dev.podium.actors.LiveEntities;
import dev.podium.actors.TestClock;
import dev.podium.actors.hints.Notification;
import dev.podium.actors.objects.ObjectCommand;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.patch.PatchType;
import dev.podium.persistence.watch.CachedObject;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Controllers running in real entities, as their children, with a fake scheduler and kubelet and
 * manual time: what they create comes back as hints, backoffs and schedules are timers.
 */
class ControllerActorTest {
    static final ActorTestKit kit = ActorTestKit.create(ManualTime.config()
            .withFallback(EventSourcedBehaviorTestKit.config())
            .withFallback(ConfigFactory.parseResources("serialization.conf"))
            .withFallback(ConfigFactory.load()));
    static final ManualTime time = ManualTime.get(kit.system());

    TestClock clock;
    LiveEntities entities;
    FakeKubelet kubelet;

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    @BeforeEach
    void setUp() {
        PersistenceTestKit.create(kit.system()).clearAll();
        clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
        entities = new LiveEntities(kit, clock);
        kubelet = new FakeKubelet(entities, clock);
        // hints for owners go to their entities, as the router's sharding would take them
        kubelet.also = notifications -> notifications.forEach(n -> {
            if (n instanceof Notification.ToOwner o) {
                entities.tell(KindRegistry.get(o.ownerKind()), o.ownerKey(), new ObjectCommand.ChildChanged(o.change(), o.ownerUid()));
            }
        });
        entities.hints = kubelet;
        entities.create("Namespace", yaml("{apiVersion: v1, kind: Namespace, metadata: {name: default}}"));
    }

    /** Moves both clocks: the one controllers read and the one their timers fire on. */
    void after(Duration d) {
        clock.advance(d);
        time.timePasses(d);
    }

    List<ObjectNode> owned(String kind, String ownerKind, String ownerKey) {
        String uid = entities.get(ownerKind, ownerKey).orElseThrow().path("metadata").path("uid").asText();
        return entities.cache.listByOwner(kind, uid).stream().map(CachedObject::object).toList();
    }

    static ObjectNode yaml(String text) {
        try {
            return (ObjectNode) Json.YAML.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static ObjectNode replicaSet(int replicas) {
        return yaml("""
                apiVersion: apps/v1
                kind: ReplicaSet
                metadata: {name: rs, namespace: default}
                spec:
                  replicas: %d
                  selector: {matchLabels: {app: rs}}
                  template:
                    metadata: {labels: {app: rs}}
                    spec: {containers: [{name: c, image: x}]}
                """.formatted(replicas));
    }

    @Test
    void aReplicaSetEntityCreatesItsPodsAndReplacesOneThatIsDeleted() {
        entities.create("ReplicaSet.apps", replicaSet(3));
        await().atMost(10, TimeUnit.SECONDS).until(() -> owned("Pod", "ReplicaSet.apps", "default/rs").size() == 3);
        await().atMost(10, TimeUnit.SECONDS).until(() -> entities.get("ReplicaSet.apps", "default/rs").orElseThrow().at("/status/readyReplicas").asInt() == 3);
        ObjectNode victim = owned("Pod", "ReplicaSet.apps", "default/rs").get(0);
        String name = victim.at("/metadata/name").asText();
        entities.ask(KindRegistry.get("Pod"), "default/" + name, r -> new ObjectCommand.Delete(0, "", 0, false, r)).toCompletableFuture().join();
        await().atMost(10, TimeUnit.SECONDS).until(() -> {
            List<ObjectNode> pods = owned("Pod", "ReplicaSet.apps", "default/rs");
            return pods.size() == 3 && pods.stream().noneMatch(p -> p.at("/metadata/name").asText().equals(name));
        });
    }

    @Test
    void aControllerThatFailsRestartsAndConvergesFromItsOwnerAndTheCache() {
        entities.failOnce = c -> c instanceof ObjectCommand.Create create && create.object().path("kind").asText().equals("Pod");
        entities.create("ReplicaSet.apps", replicaSet(2));
        await().atMost(10, TimeUnit.SECONDS).until(() -> entities.injectedFailures.get() == 1);
        after(Duration.ofSeconds(1));
        await().atMost(10, TimeUnit.SECONDS).until(() -> owned("Pod", "ReplicaSet.apps", "default/rs").size() == 2);
    }

    @Test
    void aDeploymentRollsOutThroughAReplicaSetPerTemplateAndRollsBackToTheOldOne() {
        entities.create("Deployment.apps", yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: default}
                spec:
                  replicas: 4
                  strategy: {rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: c, image: v1}]}
                """));
        await().atMost(10, TimeUnit.SECONDS).until(() -> entities.get("Deployment.apps", "default/web").orElseThrow().at("/status/availableReplicas").asInt() == 4);
        List<ObjectNode> first = owned("ReplicaSet.apps", "Deployment.apps", "default/web");
        assertThat(first).singleElement().satisfies(rs -> assertThat(rs.at("/metadata/annotations/deployment.kubernetes.io~1revision").asText()).isEqualTo("1"));
        String original = first.get(0).at("/metadata/name").asText();

        setImage("v2");
        await().atMost(20, TimeUnit.SECONDS).until(() -> rolledOut("v2"));
        assertThat(owned("ReplicaSet.apps", "Deployment.apps", "default/web")).hasSize(2);

        undoTo(first.get(0));
        await().atMost(20, TimeUnit.SECONDS).until(() -> rolledOut("v1"));
        List<ObjectNode> after = owned("ReplicaSet.apps", "Deployment.apps", "default/web");
        assertThat(after).as("the old ReplicaSet is used again").hasSize(2);
        ObjectNode back = after.stream().filter(rs -> rs.at("/metadata/name").asText().equals(original)).findFirst().orElseThrow();
        assertThat(back.at("/spec/replicas").asInt()).isEqualTo(4);
        assertThat(back.at("/metadata/annotations/deployment.kubernetes.io~1revision").asText()).isEqualTo("3");
        assertThat(back.at("/metadata/annotations/deployment.kubernetes.io~1revision-history").asText()).isEqualTo("1");
    }

    /** What kubectl rollout undo sends: a JSON patch that puts the ReplicaSet's template back (as Go serializes it, with a null creationTimestamp). */
    void undoTo(ObjectNode replicaSet) {
        ObjectNode template = replicaSet.path("spec").path("template").deepCopy();
        template.with("metadata").putNull("creationTimestamp");
        template.with("metadata").with("labels").remove("pod-template-hash");
        var patch = Json.MAPPER.createArrayNode();
        patch.addObject().put("op", "replace").put("path", "/spec/template").set("value", template);
        entities.ask(KindRegistry.get("Deployment.apps"), "default/web",
                r -> new ObjectCommand.Patch(PatchType.JSON_PATCH.name(), patch, 0, false, "", false, false, r)).toCompletableFuture().join();
    }

    void setImage(String image) {
        ObjectNode patch = yaml("{spec: {template: {spec: {containers: [{name: c, image: %s}]}}}}".formatted(image));
        entities.ask(KindRegistry.get("Deployment.apps"), "default/web",
                r -> new ObjectCommand.Patch(PatchType.STRATEGIC_MERGE_PATCH.name(), patch, 0, false, "", false, false, r)).toCompletableFuture().join();
    }

    boolean rolledOut(String image) {
        JsonNode d = entities.get("Deployment.apps", "default/web").orElseThrow();
        return d.at("/status/updatedReplicas").asInt() == 4 && d.at("/status/availableReplicas").asInt() == 4 && d.at("/status/replicas").asInt() == 4
                && d.at("/metadata/generation").asLong() == d.at("/status/observedGeneration").asLong()
                && owned("Pod", "ReplicaSet.apps", newReplicaSet(image)).size() == 4;
    }

    String newReplicaSet(String image) {
        return "default/" + owned("ReplicaSet.apps", "Deployment.apps", "default/web").stream()
                .filter(rs -> rs.at("/spec/template/spec/containers/0/image").asText().equals(image)).findFirst().orElseThrow()
                .at("/metadata/name").asText();
    }

    @Test
    void aJobBacksOffTenThenTwentySecondsBetweenFailuresAndFailsPastItsBackoffLimit() {
        kubelet.outcome = pod -> "Failed";
        entities.create("Job.batch", yaml("""
                apiVersion: batch/v1
                kind: Job
                metadata: {name: flaky, namespace: default}
                spec:
                  backoffLimit: 2
                  template:
                    spec: {restartPolicy: Never, containers: [{name: c, image: x}]}
                """));
        await().atMost(10, TimeUnit.SECONDS).until(() -> owned("Pod", "Job.batch", "default/flaky").size() == 1);
        // the reconcile that counts a failure also starts the backoff timer: time moves only once it has
        await().atMost(10, TimeUnit.SECONDS).until(() -> failed("default/flaky") == 1);
        after(Duration.ofSeconds(9));
        await().during(300, TimeUnit.MILLISECONDS).atMost(2, TimeUnit.SECONDS).until(() -> owned("Pod", "Job.batch", "default/flaky").size() == 1);
        after(Duration.ofSeconds(2));
        await().atMost(10, TimeUnit.SECONDS).until(() -> owned("Pod", "Job.batch", "default/flaky").size() == 2);
        await().atMost(10, TimeUnit.SECONDS).until(() -> failed("default/flaky") == 2);
        after(Duration.ofSeconds(19));
        await().during(300, TimeUnit.MILLISECONDS).atMost(2, TimeUnit.SECONDS).until(() -> owned("Pod", "Job.batch", "default/flaky").size() == 2);
        after(Duration.ofSeconds(2));
        await().atMost(10, TimeUnit.SECONDS).until(() -> owned("Pod", "Job.batch", "default/flaky").size() == 3);
        await().atMost(10, TimeUnit.SECONDS).until(() -> condition("Job.batch", "default/flaky", "Failed").equals("BackoffLimitExceeded"));
        JsonNode status = entities.get("Job.batch", "default/flaky").orElseThrow().path("status");
        assertThat(status.path("failed").asInt()).isEqualTo(3);
        assertThat(status.path("uncountedTerminatedPods")).isEmpty();
    }

    int failed(String jobKey) {
        return entities.get("Job.batch", jobKey).orElseThrow().path("status").path("failed").asInt();
    }

    String condition(String kind, String key, String type) {
        for (JsonNode c : entities.get(kind, key).orElseThrow().at("/status/conditions")) {
            if (type.equals(c.path("type").asText()) && "True".equals(c.path("status").asText())) return c.path("reason").asText();
        }
        return "";
    }

    @Test
    void aCronJobRunsAtItsScheduledTimesAndAfterDowntimeOnlyTheMostRecentMissedOne() {
        entities.create("CronJob.batch", yaml("""
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: tick, namespace: default}
                spec:
                  schedule: "*/5 * * * *"
                  jobTemplate:
                    spec:
                      template:
                        spec: {restartPolicy: Never, containers: [{name: c, image: x}]}
                """));
        await().atMost(10, TimeUnit.SECONDS).until(() -> entities.get("CronJob.batch", "default/tick").isPresent());
        assertThat(owned("Job.batch", "CronJob.batch", "default/tick")).isEmpty();
        after(Duration.ofMinutes(5));
        // a first reconcile still running when time moved set its 5-minute timer late: the periodic re-check finds the run
        await().atMost(10, TimeUnit.SECONDS).until(() -> {
            time.timePasses(Duration.ofSeconds(10));
            return owned("Job.batch", "CronJob.batch", "default/tick").size() == 1;
        });
        // 00:05 is 29,453,765 minutes after the epoch
        assertThat(owned("Job.batch", "CronJob.batch", "default/tick").get(0).at("/metadata/name").asText()).isEqualTo("tick-29453765");

        // an hour passes without the controller's timer firing (the member was down): one catch-up run, the latest
        clock.advance(Duration.ofMinutes(60));
        entities.tell(KindRegistry.get("CronJob.batch"), "default/tick", new ObjectCommand.Wake());
        // its periodic re-check finds the missed run (advanced until it fires: a reconcile still busy with the first Job may set the timer again)
        await().atMost(10, TimeUnit.SECONDS).until(() -> {
            time.timePasses(Duration.ofSeconds(10));
            return owned("Job.batch", "CronJob.batch", "default/tick").size() == 2;
        });
        assertThat(owned("Job.batch", "CronJob.batch", "default/tick")).extracting(j -> j.at("/metadata/name").asText())
                .containsExactlyInAnyOrder("tick-29453765", "tick-29453825");
        assertThat(entities.get("CronJob.batch", "default/tick").orElseThrow().at("/status/lastScheduleTime").asText()).isEqualTo("2026-01-01T01:05:00Z");
    }

    @Test
    void aStatefulSetCreatesItsPodsInOrderEachRunningAndReadyBeforeTheNext() {
        kubelet.outcome = pod -> "Pending";
        entities.create("StatefulSet.apps", yaml("""
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: db, namespace: default}
                spec:
                  serviceName: db
                  replicas: 3
                  selector: {matchLabels: {app: db}}
                  template:
                    metadata: {labels: {app: db}}
                    spec: {containers: [{name: c, image: x}]}
                """));
        await().atMost(10, TimeUnit.SECONDS).until(() -> entities.get("Pod", "default/db-0").isPresent());
        await().during(300, TimeUnit.MILLISECONDS).atMost(2, TimeUnit.SECONDS).until(() -> entities.get("Pod", "default/db-1").isEmpty());
        kubelet.outcome = pod -> "Running";
        kubelet.run("default/db-0");
        await().atMost(10, TimeUnit.SECONDS).until(() -> entities.get("Pod", "default/db-2").isPresent());
        assertThat(entities.get("Pod", "default/db-2").orElseThrow().at("/spec/hostname").asText()).isEqualTo("db-2");
        assertThat(entities.get("Pod", "default/db-2").orElseThrow().at("/spec/subdomain").asText()).isEqualTo("db");
    }

    @Test
    void aVolumeIsNotDeletedForAClaimTheCacheDoesNotShowYetButGoesWithAClaimThatIsGone() {
        entities.holdCache();
        entities.create("PersistentVolumeClaim", yaml("""
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata: {name: data, namespace: default}
                spec: {storageClassName: manual, accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
                """));
        String claimUid = entities.get("PersistentVolumeClaim", "default/data").orElseThrow().at("/metadata/uid").asText();
        entities.create("PersistentVolume", yaml("""
                apiVersion: v1
                kind: PersistentVolume
                metadata: {name: vol}
                spec:
                  storageClassName: manual
                  capacity: {storage: 1Gi}
                  accessModes: [ReadWriteOnce]
                  persistentVolumeReclaimPolicy: Delete
                  hostPath: {path: /srv/vol}
                  claimRef: {apiVersion: v1, kind: PersistentVolumeClaim, namespace: default, name: data, uid: %s}
                """.formatted(claimUid)));
        // the volume's controller finds no claim in the cache; it asks the claim's entity, again after each backoff
        await().atMost(10, TimeUnit.SECONDS).until(() -> {
            after(Duration.ofSeconds(1));
            return entities.sentOf("default/data", ObjectCommand.Get.class) >= 3;
        });
        assertThat(entities.get("PersistentVolume", "vol")).as("a volume whose claim exists").isPresent();

        entities.releaseCache();
        await().atMost(10, TimeUnit.SECONDS).until(() -> {
            after(Duration.ofSeconds(1));
            return entities.get("PersistentVolumeClaim", "default/data").map(c -> c.at("/status/phase").asText()).orElse("").equals("Bound");
        });

        entities.ask(KindRegistry.get("PersistentVolumeClaim"), "default/data",
                r -> new ObjectCommand.Delete(0, "", ObjectCommand.Delete.DEFAULT_GRACE, "", false, r)).toCompletableFuture().join();
        await().atMost(10, TimeUnit.SECONDS).until(() -> {
            after(Duration.ofSeconds(10));
            return entities.get("PersistentVolume", "vol").isEmpty();
        });
    }
}
