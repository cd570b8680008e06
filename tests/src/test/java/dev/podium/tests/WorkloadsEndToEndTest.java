package dev.podium.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import dev.podium.launcher.NodeSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Deployments, ReplicaSets, Jobs, CronJobs, StatefulSets, DaemonSets and cascading deletes through kubectl, on simulated nodes. */
class WorkloadsEndToEndTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static TestNode node;
    static Kubectl kubectl;

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.start(NodeSettings.defaults(Files.createTempDirectory("podium-workloads"), 0).withNodes(false, 3)
                .withConfig(ConfigFactory.parseString("podium.simulated-start-delay = 200ms")));
        kubectl = new Kubectl(node.kubeconfig());
        await().atMost(Duration.ofSeconds(20)).until(() -> kubectl.run("get", "nodes").out().lines().filter(l -> l.contains(" Ready ")).count() == 3);
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    static JsonNode get(String... args) throws Exception {
        String[] all = new String[args.length + 3];
        all[0] = "get";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "-o";
        all[args.length + 2] = "json";
        return JSON.readTree(kubectl.run(all).ok().out());
    }

    static String deployment(String name, int replicas, String image) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %1$s}
                spec:
                  replicas: %2$d
                  strategy: {rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}
                  selector: {matchLabels: {app: %1$s}}
                  template:
                    metadata: {labels: {app: %1$s}}
                    spec: {containers: [{name: main, image: %3$s}]}
                """.formatted(name, replicas, image);
    }

    @Test
    void aDeploymentRollsOutNeverBelowItsReplicasRollsBackScalesAndReplacesADeletedPod() throws Exception {
        kubectl.runWithInput(deployment("web", 5, "busybox:1.36"), "apply", "-f", "-").ok();
        assertThat(kubectl.run("rollout", "status", "deployment/web", "--timeout=60s").ok().out()).contains("deployment \"web\" successfully rolled out");
        assertThat(kubectl.run("get", "deployment", "web").ok().out()).contains("5/5");

        try (PodWatch watch = PodWatch.start(node.url(), "app=web")) {
            watch.countFrom(5);
            kubectl.run("set", "image", "deployment/web", "main=busybox:1.37").ok();
            assertThat(kubectl.run("rollout", "status", "deployment/web", "--timeout=60s").ok().out()).contains("successfully rolled out");
            assertThat(watch.lowestReady()).as("ready pods during the rolling update (maxUnavailable 0)").isGreaterThanOrEqualTo(5);
        }
        assertThat(get("replicasets", "-l", "app=web").path("items")).hasSize(2);

        kubectl.run("rollout", "undo", "deployment/web").ok();
        kubectl.run("rollout", "status", "deployment/web", "--timeout=60s").ok();
        assertThat(get("deployment", "web").at("/spec/template/spec/containers/0/image").asText()).isEqualTo("busybox:1.36");
        assertThat(kubectl.run("rollout", "history", "deployment/web").ok().out()).contains("REVISION", "2", "3").doesNotContain("\n1 ");

        kubectl.run("scale", "deployment/web", "--replicas=0").ok();
        await().atMost(Duration.ofSeconds(30)).until(() -> get("pods", "-l", "app=web").path("items").isEmpty());
        kubectl.run("scale", "deployment/web", "--replicas=5").ok();
        kubectl.run("rollout", "status", "deployment/web", "--timeout=60s").ok();

        String victim = get("pods", "-l", "app=web").path("items").get(0).at("/metadata/name").asText();
        kubectl.run("delete", "pod", victim, "--wait=false").ok();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode pods = get("pods", "-l", "app=web").path("items");
            long ready = 0;
            for (JsonNode p : pods) if (!p.at("/metadata/name").asText().equals(victim) && "Running".equals(p.at("/status/phase").asText())) ready++;
            return ready == 5;
        });
        kubectl.run("delete", "deployment", "web").ok();
    }

    @Test
    void aReplicaSetScalesThroughTheScaleSubresource() throws Exception {
        kubectl.runWithInput("""
                apiVersion: apps/v1
                kind: ReplicaSet
                metadata: {name: rs}
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: rs}}
                  template:
                    metadata: {labels: {app: rs}}
                    spec: {containers: [{name: main, image: busybox}]}
                """, "apply", "-f", "-").ok();
        kubectl.run("scale", "rs/rs", "--replicas=4").ok();
        await().atMost(Duration.ofSeconds(30)).until(() -> get("rs", "rs").at("/status/readyReplicas").asInt() == 4);
        JsonNode scale = JSON.readTree(kubectl.run("get", "--raw", "/apis/apps/v1/namespaces/default/replicasets/rs/scale").ok().out());
        assertThat(scale.path("kind").asText()).isEqualTo("Scale");
        assertThat(scale.at("/spec/replicas").asInt()).isEqualTo(4);
        assertThat(scale.at("/status/selector").asText()).isEqualTo("app=rs");
        assertThat(kubectl.run("scale", "rs/rs", "--replicas=-1").err()).contains("replicas");
        kubectl.run("delete", "rs", "rs").ok();
    }

    @Test
    void aJobOfThreeCompletionsTwoAtATimeCompletesAndAFailingOneStopsAtItsBackoffLimit() throws Exception {
        kubectl.runWithInput("""
                apiVersion: batch/v1
                kind: Job
                metadata: {name: three}
                spec:
                  completions: 3
                  parallelism: 2
                  template:
                    metadata: {annotations: {podium.dev/simulate-run-seconds: "0.5"}}
                    spec: {restartPolicy: Never, containers: [{name: main, image: busybox}]}
                """, "apply", "-f", "-").ok();
        kubectl.run("wait", "--for=condition=complete", "job/three", "--timeout=60s").ok();
        assertThat(kubectl.run("get", "job", "three").ok().out()).contains("Complete", "3/3");
        assertThat(get("pods", "-l", "job-name=three").path("items")).hasSize(3);

        kubectl.runWithInput("""
                apiVersion: batch/v1
                kind: Job
                metadata: {name: doomed}
                spec:
                  backoffLimit: 1
                  template:
                    metadata: {annotations: {podium.dev/simulate-run-seconds: "0.2", podium.dev/simulate-exit-code: "3"}}
                    spec: {restartPolicy: Never, containers: [{name: main, image: busybox}]}
                """, "apply", "-f", "-").ok();
        kubectl.run("wait", "--for=condition=failed", "job/doomed", "--timeout=60s").ok();
        JsonNode job = get("job", "doomed");
        assertThat(job.at("/status/failed").asInt()).isEqualTo(2);
        assertThat(job.at("/status/conditions").toString()).contains("BackoffLimitExceeded", "Job has reached the specified backoff limit");
        assertThat(kubectl.run("delete", "job", "doomed", "three").ok().out()).contains("deleted");
    }

    @Test
    void aCronJobStartsJobsOnItsScheduleAndKeepsItsHistoryLimit() throws Exception {
        kubectl.runWithInput("""
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: tick}
                spec:
                  schedule: "* * * * *"
                  successfulJobsHistoryLimit: 1
                  jobTemplate:
                    spec:
                      template:
                        metadata: {annotations: {podium.dev/simulate-run-seconds: "0.2"}}
                        spec: {restartPolicy: Never, containers: [{name: main, image: busybox}]}
                """, "apply", "-f", "-").ok();
        kubectl.run("create", "job", "tick-a", "--from=cronjob/tick").ok();
        kubectl.run("wait", "--for=condition=complete", "job/tick-a", "--timeout=30s").ok();
        kubectl.run("create", "job", "tick-b", "--from=cronjob/tick").ok();
        kubectl.run("wait", "--for=condition=complete", "job/tick-b", "--timeout=30s").ok();
        // the scheduled run (within a minute) and the history limit: only the newest successful Job stays
        await().atMost(Duration.ofSeconds(75)).until(() -> get("cronjob", "tick").at("/status/lastScheduleTime").isTextual());
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode jobs = get("jobs").path("items");
            int ours = 0;
            for (JsonNode j : jobs) if (j.at("/metadata/ownerReferences/0/name").asText().equals("tick")) ours++;
            return ours == 1;
        });
        assertThat(kubectl.run("get", "jobs").ok().out()).doesNotContain("tick-a");
        kubectl.run("delete", "cronjob", "tick").ok();
    }

    @Test
    void aStatefulSetComesUpInOrderAndScalesDownInReverseKeepingItsClaims() throws Exception {
        PodWatch watch = PodWatch.start(node.url(), "app=db");
        kubectl.runWithInput("""
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: db}
                spec:
                  serviceName: db
                  replicas: 3
                  selector: {matchLabels: {app: db}}
                  template:
                    metadata: {labels: {app: db}}
                    spec: {containers: [{name: main, image: busybox}]}
                  volumeClaimTemplates:
                  - metadata: {name: data}
                    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
                """, "apply", "-f", "-").ok();
        kubectl.run("rollout", "status", "statefulset/db", "--timeout=60s").ok();
        kubectl.run("scale", "statefulset/db", "--replicas=1").ok();
        await().atMost(Duration.ofSeconds(60)).until(() -> get("pods", "-l", "app=db").path("items").size() == 1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(watch.events())
                .containsSubsequence("ADDED db-0", "ADDED db-1", "ADDED db-2", "DELETED db-2", "DELETED db-1"));
        watch.close();
        JsonNode claims = get("pvc");
        assertThat(claims.path("items")).extracting(c -> c.at("/metadata/name").asText()).contains("data-db-0", "data-db-1", "data-db-2");
        assertThat(get("pvc", "data-db-2").at("/status/phase").asText()).isEqualTo("Bound");
        kubectl.run("delete", "statefulset", "db").ok();
    }

    @Test
    void aDaemonSetFollowsNodesJoiningAndLeaving() throws Exception {
        kubectl.runWithInput("""
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: agent}
                spec:
                  selector: {matchLabels: {app: agent}}
                  template:
                    metadata: {labels: {app: agent}}
                    spec: {containers: [{name: main, image: busybox}]}
                """, "apply", "-f", "-").ok();
        await().atMost(Duration.ofSeconds(30)).until(() -> get("daemonset", "agent").at("/status/numberReady").asInt() == 3);
        kubectl.runWithInput("apiVersion: v1\nkind: Node\nmetadata: {name: joiner, labels: {kubernetes.io/hostname: joiner}}\n", "apply", "-f", "-").ok();
        await().atMost(Duration.ofSeconds(30)).until(() -> podsOn("joiner") == 1);
        assertThat(get("daemonset", "agent").at("/status/desiredNumberScheduled").asInt()).isEqualTo(4);
        kubectl.run("delete", "node", "joiner").ok();
        await().atMost(Duration.ofSeconds(30)).until(() -> podsOn("joiner") == 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> get("daemonset", "agent").at("/status/desiredNumberScheduled").asInt() == 3);
        kubectl.run("delete", "daemonset", "agent").ok();
        await().atMost(Duration.ofSeconds(30)).until(() -> get("pods", "-l", "app=agent").path("items").isEmpty());
    }

    static long podsOn(String nodeName) throws Exception {
        long n = 0;
        for (JsonNode p : get("pods", "-l", "app=agent").path("items")) if (nodeName.equals(p.at("/spec/nodeName").asText())) n++;
        return n;
    }

    @Test
    void cascadingDeletesInTheBackgroundTheForegroundAndOrphaningTheDependents() throws Exception {
        for (String name : List.of("bg", "fg", "orphan")) {
            kubectl.runWithInput(deployment(name, 2, "busybox"), "apply", "-f", "-").ok();
            kubectl.run("rollout", "status", "deployment/" + name, "--timeout=60s").ok();
        }
        kubectl.run("delete", "deployment", "bg", "--cascade=background").ok();
        kubectl.run("delete", "deployment", "fg", "--cascade=foreground").ok();
        assertThat(get("pods", "-l", "app=fg").path("items")).as("a foreground delete returns once the dependents are gone").isEmpty();
        kubectl.run("delete", "deployment", "orphan", "--cascade=orphan").ok();
        await().atMost(Duration.ofSeconds(30)).until(() -> get("pods", "-l", "app=bg").path("items").isEmpty());
        await().atMost(Duration.ofSeconds(30)).until(() -> get("replicasets", "-l", "app=orphan").path("items").size() == 1
                && get("replicasets", "-l", "app=orphan").at("/items/0/metadata/ownerReferences").isMissingNode());
        assertThat(get("pods", "-l", "app=orphan").path("items")).hasSize(2);
        kubectl.run("delete", "replicasets", "-l", "app=orphan").ok();
    }
}
