package dev.podium.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import dev.podium.launcher.NodeSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Simulated nodes, the scheduler, binding, evictions with budgets and node lifecycle, through kubectl and HTTP. */
class NodesEndToEndTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static TestNode node;
    static Kubectl kubectl;
    static HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.start(NodeSettings.defaults(Files.createTempDirectory("podium-nodes"), 0).withNodes(false, 3)
                .withConfig(ConfigFactory.parseString("podium { node-monitor-grace-period = 3s, node-monitor-period = 500ms }")));
        kubectl = new Kubectl(node.kubeconfig());
        await().atMost(Duration.ofSeconds(20)).until(() -> kubectl.run("get", "nodes").out().lines().filter(l -> l.contains(" Ready ")).count() == 3);
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    static HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(node.url() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void simulatedNodesRegisterWithLeasesAndShowInKubectl() throws Exception {
        String nodes = kubectl.run("get", "nodes").ok().out();
        assertThat(nodes).contains("NAME", "STATUS", "ROLES", "AGE", "VERSION", "sim-00001", "sim-00003", "v1.32.0-podium");
        assertThat(kubectl.run("-n", "kube-node-lease", "get", "leases").ok().out()).contains("sim-00002");
        kubectl.run("cordon", "sim-00003").ok();
        assertThat(kubectl.run("get", "node", "sim-00003").ok().out()).contains("Ready,SchedulingDisabled");
        kubectl.run("uncordon", "sim-00003").ok();
    }

    @Test
    void podsAreScheduledAndRunOnSimulatedNodes() throws Exception {
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: short
                  annotations: {podium.dev/simulate-run-seconds: "1"}
                spec:
                  restartPolicy: Never
                  containers: [{name: main, image: busybox}]
                """, "apply", "-f", "-").ok();
        await().atMost(Duration.ofSeconds(20)).until(() -> kubectl.run("get", "pod", "short", "-o", "jsonpath={.status.phase}").out().equals("Succeeded"));
        assertThat(kubectl.run("get", "pod", "short", "-o", "jsonpath={.spec.nodeName}").out()).startsWith("sim-");
        assertThat(kubectl.run("get", "pod", "short").ok().out()).contains("Completed");
    }

    @Test
    void aUserSchedulerBindsThroughTheBindingSubresourceOnce() throws Exception {
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Pod
                metadata: {name: custom}
                spec:
                  schedulerName: my-scheduler
                  containers: [{name: main, image: busybox}]
                """, "apply", "-f", "-").ok();
        // the default scheduler takes pods in order: once a later pod of its own is bound, it has passed over this one
        kubectl.run("run", "after-custom", "--image=busybox").ok();
        await().atMost(Duration.ofSeconds(20)).until(() -> !kubectl.run("get", "pod", "after-custom", "-o", "jsonpath={.spec.nodeName}").out().isEmpty());
        kubectl.run("delete", "pod", "after-custom", "--wait=false").ok();
        assertThat(kubectl.run("get", "pod", "custom", "-o", "jsonpath={.spec.nodeName}").out()).isEmpty();
        String binding = "{\"apiVersion\":\"v1\",\"kind\":\"Binding\",\"metadata\":{\"name\":\"custom\"},\"target\":{\"kind\":\"Node\",\"name\":\"sim-00002\"}}";
        HttpResponse<String> otherUid = post("/api/v1/namespaces/default/pods/custom/binding",
                binding.replace("{\"name\":\"custom\"}", "{\"name\":\"custom\",\"uid\":\"uid-of-an-earlier-pod\"}"));
        assertThat(otherUid.statusCode()).isEqualTo(409);
        assertThat(otherUid.body()).contains("Precondition failed: UID in precondition: uid-of-an-earlier-pod");
        assertThat(post("/api/v1/namespaces/default/pods/custom/binding", binding).statusCode()).isEqualTo(201);
        assertThat(kubectl.run("get", "pod", "custom", "-o", "jsonpath={.spec.nodeName}").out()).isEqualTo("sim-00002");
        HttpResponse<String> again = post("/api/v1/namespaces/default/pods/custom/binding", binding.replace("sim-00002", "sim-00001"));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("is already assigned to node");
    }

    @Test
    void evictionsRespectPodDisruptionBudgets() throws Exception {
        kubectl.run("create", "namespace", "budget").ok();
        for (String p : new String[] {"a1", "a2", "a3"}) {
            kubectl.run("-n", "budget", "run", p, "--image=x", "--labels=app=a").ok();
        }
        kubectl.runWithInput("""
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata: {name: keep2, namespace: budget}
                spec:
                  minAvailable: 2
                  selector: {matchLabels: {app: a}}
                """, "apply", "-f", "-").ok();
        await().atMost(Duration.ofSeconds(45)).until(() ->
                kubectl.run("-n", "budget", "get", "pods").out().lines().filter(l -> l.contains("Running") && l.contains("1/1")).count() == 3);
        // an eviction is judged by the budget's status, which its controller updates once it has seen the pods ready
        // (on a loaded machine a lost hint waits for the controller's recheck)
        await().atMost(Duration.ofSeconds(45)).until(() ->
                kubectl.run("-n", "budget", "get", "pdb", "keep2", "-o", "jsonpath={.status.disruptionsAllowed}").out().equals("1"));
        String eviction = "{\"apiVersion\":\"policy/v1\",\"kind\":\"Eviction\",\"metadata\":{\"name\":\"%s\",\"namespace\":\"budget\"}}";
        // a 429 says "not now" (the budget's status is still being written): clients such as kubectl drain retry, so does the test
        java.util.concurrent.atomic.AtomicReference<String> last = new java.util.concurrent.atomic.AtomicReference<>("");
        try {
            await().atMost(Duration.ofSeconds(40)).until(() -> {
                HttpResponse<String> r = post("/api/v1/namespaces/budget/pods/a1/eviction", eviction.formatted("a1"));
                last.set(r.statusCode() + " " + r.body());
                return r.statusCode() == 201;
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            org.assertj.core.api.Assertions.fail("the eviction of a1 was never accepted in 40 s; its last answer: " + last.get());
        }
        HttpResponse<String> blocked = post("/api/v1/namespaces/budget/pods/a2/eviction", eviction.formatted("a2"));
        assertThat(blocked.statusCode()).isEqualTo(429);
        JsonNode status = JSON.readTree(blocked.body());
        assertThat(status.path("reason").asText()).isEqualTo("TooManyRequests");
        assertThat(status.path("message").asText()).isEqualTo("Cannot evict pod as it would violate the pod's disruption budget.");
    }

    @Test
    void aPendingPodIsEvictedWithoutItsBudgetAndTwoBudgetsOnOnePodAreRefusedAsKubeDoes() throws Exception {
        kubectl.run("create", "namespace", "budget2").ok();
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Pod
                metadata: {name: waiting, namespace: budget2, labels: {app: w}}
                spec:
                  nodeSelector: {nowhere: "true"}
                  containers: [{name: main, image: busybox}]
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: runner, namespace: budget2, labels: {app: w}}
                spec:
                  containers: [{name: main, image: busybox}]
                ---
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata: {name: all, namespace: budget2}
                spec:
                  minAvailable: 5
                  selector: {matchLabels: {app: w}}
                ---
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata: {name: also, namespace: budget2}
                spec:
                  maxUnavailable: 1
                  selector: {matchLabels: {app: w}}
                """, "apply", "-f", "-").ok();
        await().atMost(Duration.ofSeconds(20)).until(() ->
                kubectl.run("-n", "budget2", "get", "pod", "runner", "-o", "jsonpath={.status.phase}").out().equals("Running"));
        String eviction = "{\"apiVersion\":\"policy/v1\",\"kind\":\"Eviction\",\"metadata\":{\"name\":\"%s\",\"namespace\":\"budget2\"}}";
        HttpResponse<String> refused = post("/api/v1/namespaces/budget2/pods/runner/eviction", eviction.formatted("runner"));
        assertThat(refused.statusCode()).isEqualTo(500);
        assertThat(JSON.readTree(refused.body()).path("message").asText())
                .isEqualTo("Internal error occurred: This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.");
        kubectl.run("-n", "budget2", "delete", "pdb", "also").ok();
        assertThat(post("/api/v1/namespaces/budget2/pods/runner/eviction", eviction.formatted("runner")).statusCode()).isEqualTo(429);
        // a pending pod disrupts nothing: evicted although the budget wants 5 healthy pods
        assertThat(post("/api/v1/namespaces/budget2/pods/waiting/eviction", eviction.formatted("waiting")).statusCode()).isEqualTo(201);
    }

    @Test
    void aNodeWhoseLeaseStopsBecomesUnknownTaintedAndItsPodsAreEvicted() throws Exception {
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Node
                metadata: {name: silent}
                """, "create", "-f", "-").ok();
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Pod
                metadata: {name: stranded}
                spec:
                  nodeName: silent
                  tolerations:
                  - {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 1}
                  containers: [{name: main, image: busybox}]
                """, "apply", "-f", "-").ok();
        await().atMost(Duration.ofSeconds(20)).until(() ->
                kubectl.run("get", "node", "silent", "-o", "jsonpath={.spec.taints[*].key}").out().contains("node.kubernetes.io/unreachable"));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                !kubectl.run("get", "pod", "stranded", "-o", "jsonpath={.metadata.deletionTimestamp}").out().isEmpty());
        assertThat(kubectl.run("get", "pod", "stranded").ok().out()).contains("Terminating");
    }

    @Test
    void priorityClassesGiveNewPodsTheirPriority() throws Exception {
        kubectl.runWithInput("""
                apiVersion: scheduling.k8s.io/v1
                kind: PriorityClass
                metadata: {name: important}
                value: 1000
                """, "apply", "-f", "-").ok();
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Pod
                metadata: {name: vip}
                spec:
                  priorityClassName: important
                  containers: [{name: main, image: busybox}]
                """, "apply", "-f", "-").ok();
        assertThat(kubectl.run("get", "pod", "vip", "-o", "jsonpath={.spec.priority}").ok().out()).isEqualTo("1000");
        Kubectl.Result unknown = kubectl.runWithInput("""
                apiVersion: v1
                kind: Pod
                metadata: {name: nobody}
                spec:
                  priorityClassName: missing
                  containers: [{name: main, image: busybox}]
                """, "apply", "-f", "-");
        assertThat(unknown.exit()).isNotZero();
        assertThat(unknown.err()).contains("no PriorityClass with name missing was found");
    }

    @Test
    void aHigherPriorityPodPreemptsALowerPriorityOneWhenNothingElseFits() throws Exception {
        kubectl.runWithInput("""
                apiVersion: scheduling.k8s.io/v1
                kind: PriorityClass
                metadata: {name: urgent}
                value: 100000
                """, "apply", "-f", "-").ok();
        kubectl.run("create", "namespace", "preempt").ok();
        String pod = """
                apiVersion: v1
                kind: Pod
                metadata: {name: %s, namespace: preempt}
                spec:
                  %s
                  nodeSelector: {kubernetes.io/hostname: sim-00003}
                  terminationGracePeriodSeconds: 1
                  containers: [{name: main, image: busybox, resources: {requests: {cpu: "30"}}}]
                """;
        kubectl.runWithInput(pod.formatted("low", ""), "apply", "-f", "-").ok();
        // pods other tests left on the node may still be ending and holding its CPU
        await().atMost(Duration.ofSeconds(60)).until(() ->
                kubectl.run("-n", "preempt", "get", "pod", "low", "-o", "jsonpath={.status.phase}").out().equals("Running"));
        kubectl.runWithInput(pod.formatted("high", "priorityClassName: urgent"), "apply", "-f", "-").ok();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                kubectl.run("-n", "preempt", "get", "pod", "high", "-o", "jsonpath={.spec.nodeName}").out().equals("sim-00003"));
        assertThat(kubectl.run("-n", "preempt", "get", "pod", "low").exit()).isNotZero();
    }

    @Test
    void anUnschedulablePodIsScheduledOnceTheClusterChanges() throws Exception {
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Pod
                metadata: {name: picky}
                spec:
                  nodeSelector: {zone: blue}
                  containers: [{name: main, image: busybox}]
                """, "apply", "-f", "-").ok();
        await().atMost(Duration.ofSeconds(20)).until(() ->
                kubectl.run("describe", "pod", "picky").out().contains("didn't match Pod's node affinity/selector"));
        assertThat(kubectl.run("get", "pod", "picky", "-o", "jsonpath={.spec.nodeName}").out()).isEmpty();
        kubectl.run("label", "node", "sim-00001", "zone=blue").ok();
        await().atMost(Duration.ofSeconds(20)).until(() ->
                kubectl.run("get", "pod", "picky", "-o", "jsonpath={.spec.nodeName}").out().equals("sim-00001"));
        kubectl.run("label", "node", "sim-00001", "zone-").ok();
    }
}
