package dev.podium.tests;

import dev.podium.persistence.PostgresDatabase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three Podium JVMs from the shaded jar over one PostgreSQL; members die by {@code kill -9}.
 * Nothing acknowledged is lost, clients of the survivors carry on, watches resume on another
 * member, scheduling goes on, and the dead member's nodes go NotReady and lose their pods.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFailoverTest {
    static final int OBJECTS = 60;
    static PostgresDatabase db;
    static PodiumCluster cluster;
    /** name → the resourceVersion of its last acknowledged write */
    static final Map<String, String> acknowledged = new ConcurrentHashMap<>();

    @BeforeAll
    static void startThreeJvms() throws Exception {
        db = PostgresDatabase.create("podium_test");
        // leases renewed every 2 s and given up after 20 s (kube: 10 s and 40 s), so a dead member's nodes go NotReady sooner;
        // the grace still outlasts a fail-over, during which renewals whose Lease entity lived on the dead member time out
        cluster = PodiumCluster.start(3, db.profile.url(), 2, "-Xms64m -Xmx384m -XX:TieredStopAtLevel=1 -Dpodium.node-lease-renewal=2s"
                + " -Dpodium.node-monitor-grace-period=20s -Dpodium.node-monitor-period=1s -Dpodium.scheduler-resync=2s");
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) cluster.close();
        if (db != null) db.close();
    }

    private static String processNodeOfMemberOne(ApiClient api) throws Exception {
        for (JsonNode n : api.get("/api/v1/nodes").body().path("items")) {
            String name = n.path("metadata").path("name").asText();
            if (n.path("metadata").path("labels").path("podium.dev/runtime").asText().equals("process") && name.endsWith("-1")) return name;
        }
        return "";
    }

    @Test
    @Order(0)
    void podLogsAreServedByEveryMemberNotOnlyTheOneHostingTheNode() throws Exception {
        ApiClient first = cluster.api(1);
        // a member registers its nodes after it is ready, as a kubelet does after the API server is up
        await().atMost(Duration.ofSeconds(30)).until(() -> !processNodeOfMemberOne(first).isEmpty());
        String node = processNodeOfMemberOne(first);
        ApiClient.Reply r = first.post("/api/v1/namespaces/default/pods", "{\"metadata\":{\"name\":\"greeter\"},\"spec\":{\"nodeName\":\"" + node
                + "\",\"restartPolicy\":\"Never\",\"containers\":[{\"name\":\"main\",\"image\":\"busybox\","
                + "\"command\":[\"/bin/sh\",\"-c\",\"echo hello from member one\"]}]}}");
        assertThat(r.code()).as(r.body().toString()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                cluster.api(3).get("/api/v1/namespaces/default/pods/greeter").body().path("status").path("phase").asText().equals("Succeeded"));
        Kubectl kubectl = new Kubectl(cluster.dir.resolve("kubeconfig"));
        for (String context : List.of("node-2", "node-3")) {
            assertThat(kubectl.run("--context", context, "logs", "greeter").ok().out()).contains("hello from member one");
        }
        assertThat(cluster.api(2).delete("/api/v1/namespaces/default/pods/greeter").code()).isEqualTo(200);
    }

    @Test
    @Order(1)
    void killingAMemberLosesNoAcknowledgedWriteAndItsNodesGoNotReadyAndLoseTheirPods() throws Exception {
        ApiClient writer = cluster.api(1);
        for (int i = 0; i < OBJECTS; i++) {
            ApiClient.Reply r = writer.post("/api/v1/namespaces/default/configmaps", "{\"metadata\":{\"name\":\"cm-" + i + "\"},\"data\":{\"v\":\"0\"}}");
            assertThat(r.code()).as(r.body().toString()).isEqualTo(201);
            acknowledged.put("cm-" + i, r.rv());
        }
        Map<String, JsonNode> running = startPodsOnEveryMember(writer, "before", 6);
        String from = writer.get("/api/v1/namespaces/default/configmaps").rv();
        Watch onVictim = Watch.open(cluster.api(3), from);
        writeEachOnce(writer, "1");
        await().atMost(Duration.ofSeconds(10)).until(() -> onVictim.versions().containsAll(acknowledged.values()));

        cluster.kill(3);
        writeEachOnce(writer, "2");

        // the watch broke with its member; resumed on a survivor from the last event it saw, it misses nothing
        Watch resumed = Watch.open(cluster.api(2), onVictim.lastSeen().orElse(from));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Set<String> seen = new java.util.HashSet<>(onVictim.versions());
            seen.addAll(resumed.versions());
            assertThat(seen).containsAll(acknowledged.values());
        });
        assertThat(resumed.gone()).isFalse();
        for (ApiClient reader : List.of(cluster.api(1), cluster.api(2))) {
            for (Map.Entry<String, String> e : acknowledged.entrySet()) {
                assertThat(reader.get("/api/v1/namespaces/default/configmaps/" + e.getKey()).rv()).as(e.getKey()).isEqualTo(e.getValue());
            }
        }
        assertNewPodIsScheduledOnASurvivor(writer, "after-kill", List.of("sim-1-00001", "sim-2-00001"));
        for (JsonNode pod : running.values()) {
            String node = pod.path("spec").path("nodeName").asText();
            JsonNode now = writer.get("/api/v1/namespaces/default/pods/" + pod.path("metadata").path("name").asText()).body();
            if (node.startsWith("sim-3-")) continue;
            assertThat(now.path("metadata").path("uid").asText()).isEqualTo(pod.path("metadata").path("uid").asText());
            assertThat(now.path("status").path("phase").asText()).as("pod on surviving node %s", node).isEqualTo("Running");
        }
        // the dead member's nodes go NotReady (Ready=Unknown); its pods are evicted once their 2 s toleration of unreachable has passed
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String node : List.of("sim-3-00001", "sim-3-00002")) {
                JsonNode n = writer.get("/api/v1/nodes/" + node).body();
                assertThat(condition(n, "Ready")).as(node).isEqualTo("Unknown");
            }
            for (JsonNode pod : running.values()) {
                if (!pod.path("spec").path("nodeName").asText().startsWith("sim-3-")) continue;
                // evicted: deleted gracefully, and Terminating for as long as no kubelet can confirm it (kube's taint manager behaves alike)
                JsonNode now = writer.get("/api/v1/namespaces/default/pods/" + pod.path("metadata").path("name").asText()).body();
                assertThat(now.path("metadata").path("deletionTimestamp").isTextual()).as("%s evicted", pod.path("metadata").path("name")).isTrue();
                assertThat(condition(now, "Ready")).isEqualTo("False");
            }
        });
    }

    @Test
    @Order(2)
    void killingTheMemberHostingTheSchedulerLeavesTheSurvivorsServingAndScheduling() throws Exception {
        cluster.up(); // restarts node-3, which rejoins
        String oldest = oldestMember(cluster.api(2));
        assertThat(oldest).isEqualTo(cluster.clusterAddress(1));
        cluster.kill(1);
        ApiClient client = cluster.api(2);
        writeEachOnce(client, "3");
        for (Map.Entry<String, String> e : acknowledged.entrySet()) {
            assertThat(cluster.api(3).get("/api/v1/namespaces/default/configmaps/" + e.getKey()).rv()).as(e.getKey()).isEqualTo(e.getValue());
        }
        assertNewPodIsScheduledOnASurvivor(client, "after-scheduler-kill", List.of("sim-2-00001", "sim-3-00001"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(oldestMember(client)).isEqualTo(cluster.clusterAddress(2)));
    }

    /**
     * The member hosting a Deployment's entity (and so its controller) dies mid-rollout: the entity
     * comes back on a survivor from its journal, its controller reads the cluster again and
     * finishes the rollout without a second new ReplicaSet or a pod too many.
     */
    @Test
    @Order(3)
    void aRolloutGoesOnWhenTheMemberHostingTheDeploymentDies() throws Exception {
        cluster.up(); // restarts node-1
        ApiClient first = cluster.api(2);
        assertThat(first.post("/apis/apps/v1/namespaces/default/deployments", rollingDeployment("v1", "")).code()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertRolledOut(first, "rolling", 6));
        int victim = memberHostingControllerOf(first, "rolling");
        ApiClient survivor = cluster.api(victim == 2 ? 3 : 2);

        // the new pods keep off the victim's nodes, which count as Ready until their leases run out
        String avoidVictim = "{\"nodeAffinity\":{\"requiredDuringSchedulingIgnoredDuringExecution\":{\"nodeSelectorTerms\":[{\"matchExpressions\":"
                + "[{\"key\":\"kubernetes.io/hostname\",\"operator\":\"NotIn\",\"values\":[\"sim-" + victim + "-00001\",\"sim-" + victim + "-00002\"]}]}]}}}";
        ApiClient.Reply update = survivor.send("PUT", "/apis/apps/v1/namespaces/default/deployments/rolling", "application/json",
                rollingDeployment("v2", avoidVictim), Duration.ofSeconds(20));
        assertThat(update.code()).as(update.body().toString()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> replicaSets(survivor, "rolling").size() == 2);
        cluster.kill(victim);

        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertRolledOut(survivor, "rolling", 6));
        List<JsonNode> sets = replicaSets(survivor, "rolling");
        assertThat(sets).as("no second new ReplicaSet after the fail-over").hasSize(2);
        assertThat(sets).extracting(rs -> rs.path("spec").path("replicas").asInt()).containsExactlyInAnyOrder(0, 6);
        long updated = 0;
        for (JsonNode pod : survivor.get("/api/v1/namespaces/default/pods?labelSelector=app%3Drolling").body().path("items")) {
            if (pod.path("metadata").has("deletionTimestamp")) continue;
            assertThat(pod.path("spec").path("containers").path(0).path("image").asText()).isEqualTo("busybox:v2");
            assertThat(pod.path("spec").path("nodeName").asText()).doesNotStartWith("sim-" + victim + "-");
            updated++;
        }
        assertThat(updated).as("pods of the finished rollout").isEqualTo(6);
        assertThat(controllerHosts(survivor, "rolling")).as("the Deployment's controller ran on a survivor after the kill")
                .contains(cluster.clusterAddress(victim)).hasSizeGreaterThan(1);
    }

    /** Six replicas of the simulated-node pod of {@link #podJson}, rolled one at a time (maxSurge 1, maxUnavailable 0). */
    private static String rollingDeployment(String version, String affinity) throws Exception {
        ObjectNode podSpec = (ObjectNode) ApiClient.JSON.readTree(podJson("ignored", null)).path("spec");
        ((ObjectNode) podSpec.path("containers").path(0)).put("image", "busybox:" + version);
        if (!affinity.isEmpty()) podSpec.set("affinity", ApiClient.JSON.readTree(affinity));
        return """
                {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "rolling"},
                 "spec": {"replicas": 6, "minReadySeconds": 1, "strategy": {"rollingUpdate": {"maxSurge": 1, "maxUnavailable": 0}},
                          "selector": {"matchLabels": {"app": "rolling"}},
                          "template": {"metadata": {"labels": {"app": "rolling"}}, "spec": %s}}}
                """.formatted(podSpec);
    }

    private static void assertRolledOut(ApiClient api, String name, int replicas) throws Exception {
        JsonNode d = api.get("/apis/apps/v1/namespaces/default/deployments/" + name).body();
        assertThat(d.path("status").path("observedGeneration").asLong()).isEqualTo(d.path("metadata").path("generation").asLong());
        for (String field : List.of("replicas", "updatedReplicas", "readyReplicas", "availableReplicas")) {
            assertThat(d.path("status").path(field).asInt()).as(field).isEqualTo(replicas);
        }
    }

    private static List<JsonNode> replicaSets(ApiClient api, String app) throws Exception {
        List<JsonNode> sets = new ArrayList<>();
        api.get("/apis/apps/v1/namespaces/default/replicasets?labelSelector=app%3D" + app).body().path("items").forEach(sets::add);
        return sets;
    }

    /** The members (host:port) whose deployment controller recorded Events about the Deployment. */
    private static Set<String> controllerHosts(ApiClient api, String name) throws Exception {
        Set<String> hosts = new java.util.HashSet<>();
        for (JsonNode e : api.get("/api/v1/namespaces/default/events").body().path("items")) {
            if (e.path("involvedObject").path("kind").asText().equals("Deployment") && e.path("involvedObject").path("name").asText().equals(name)) {
                hosts.add(e.path("source").path("host").asText());
            }
        }
        return hosts;
    }

    private static int memberHostingControllerOf(ApiClient api, String name) throws Exception {
        Set<String> hosts = controllerHosts(api, name);
        assertThat(hosts).as("members that ran the controller of %s", name).hasSize(1);
        for (int k = 1; k <= 3; k++) {
            if (hosts.contains(cluster.clusterAddress(k))) return k;
        }
        throw new AssertionError("no member has the address " + hosts);
    }

    /** Patches every object through the client, retrying what fails while the dead member's shards move; records each acknowledgement. */
    private static void writeEachOnce(ApiClient client, String value) throws Exception {
        for (String name : List.copyOf(acknowledged.keySet())) {
            AtomicReference<ApiClient.Reply> last = new AtomicReference<>();
            await().alias("patch of " + name + " accepted").atMost(Duration.ofMinutes(2)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250))
                    .ignoreExceptionsInstanceOf(java.io.IOException.class)
                    .until(() -> {
                        last.set(client.send("PATCH", "/api/v1/namespaces/default/configmaps/" + name, "application/merge-patch+json",
                                "{\"data\":{\"v\":\"" + value + "\"}}", Duration.ofSeconds(20)));
                        return last.get().code() == 200;
                    });
            ApiClient.Reply r = last.get();
            assertThat(r.code()).as("%s: %s", name, r.body()).isEqualTo(200);
            acknowledged.put(name, r.rv());
        }
    }

    private static Map<String, JsonNode> startPodsOnEveryMember(ApiClient api, String prefix, int count) throws Exception {
        Map<String, JsonNode> pods = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String name = prefix + "-" + i;
            ApiClient.Reply r = api.post("/api/v1/namespaces/default/pods", podJson(name, "sim-" + (i % 3 + 1) + "-0000" + (i / 3 % 2 + 1)));
            assertThat(r.code()).as(r.body().toString()).isEqualTo(201);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (int i = 0; i < count; i++) {
                JsonNode pod = api.get("/api/v1/namespaces/default/pods/" + prefix + "-" + i).body();
                assertThat(pod.path("status").path("phase").asText()).isEqualTo("Running");
                pods.put(prefix + "-" + i, pod);
            }
        });
        return pods;
    }

    /**
     * The dead member's nodes count as Ready until their leases expire (as in Kubernetes), so the
     * pod asks, by node affinity, for the survivors' nodes: the scheduler has to be running to place it.
     */
    private static void assertNewPodIsScheduledOnASurvivor(ApiClient api, String name, List<String> survivors) throws Exception {
        String affinity = "{\"nodeAffinity\":{\"requiredDuringSchedulingIgnoredDuringExecution\":{\"nodeSelectorTerms\":[{\"matchExpressions\":"
                + "[{\"key\":\"kubernetes.io/hostname\",\"operator\":\"In\",\"values\":[\"" + String.join("\",\"", survivors) + "\"]}]}]}}}";
        ApiClient.Reply r = api.post("/api/v1/namespaces/default/pods", podJson(name, null).replace("\"spec\":{", "\"spec\":{\"affinity\":" + affinity + ","));
        assertThat(r.code()).as(r.body().toString()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode pod = api.get("/api/v1/namespaces/default/pods/" + name).body();
            String node = pod.path("spec").path("nodeName").asText();
            assertThat(node).isIn(survivors);
            assertThat(pod.path("status").path("phase").asText()).isEqualTo("Running");
        });
    }

    /** A simulated-node pod that tolerates an unreachable node for 2 s; pinned to a node when one is given. */
    private static String podJson(String name, String node) {
        String pin = node == null ? "\"nodeSelector\":{\"podium.dev/runtime\":\"simulated\"}," : "\"nodeName\":\"" + node + "\",";
        return "{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{" + pin
                + "\"tolerations\":[{\"key\":\"node.kubernetes.io/unreachable\",\"operator\":\"Exists\",\"effect\":\"NoExecute\",\"tolerationSeconds\":2},"
                + "{\"key\":\"node.kubernetes.io/not-ready\",\"operator\":\"Exists\",\"effect\":\"NoExecute\",\"tolerationSeconds\":2}],"
                + "\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}";
    }

    private static String condition(JsonNode object, String type) {
        for (JsonNode c : object.path("status").path("conditions")) {
            if (c.path("type").asText().equals(type)) return c.path("status").asText();
        }
        return "";
    }

    private static String oldestMember(ApiClient api) throws Exception {
        return api.readyzVerbose().lines().map(String::trim).filter(l -> l.startsWith("member ") && l.contains("oldest"))
                .map(l -> l.substring("member pekko://podium@".length(), l.indexOf(' ', "member ".length()))).findFirst().orElse("");
    }

    /** A configmap watch on one API member, collecting the resourceVersions of its events in the background. */
    record Watch(List<String> seen, boolean[] goneFlag) {
        static Watch open(ApiClient api, String fromVersion) throws Exception {
            Watch w = new Watch(java.util.Collections.synchronizedList(new ArrayList<>()), new boolean[1]);
            HttpRequest req = HttpRequest.newBuilder(URI.create(api.url() + "/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=" + fromVersion))
                    .build();
            HttpResponse<Stream<String>> r = api.http().send(req, HttpResponse.BodyHandlers.ofLines());
            assertThat(r.statusCode()).isEqualTo(200);
            CompletableFuture.runAsync(() -> {
                try {
                    r.body().forEach(line -> {
                        try {
                            JsonNode event = ApiClient.JSON.readTree(line);
                            if (event.path("type").asText().equals("ERROR") && event.path("object").path("code").asInt() == 410) w.goneFlag[0] = true;
                            else w.seen.add(event.path("object").path("metadata").path("resourceVersion").asText());
                        } catch (Exception e) {
                            // a line cut off when the member died
                        }
                    });
                } catch (RuntimeException broken) {
                    // the stream ends with its member
                }
            });
            return w;
        }

        List<String> versions() {
            synchronized (seen) {
                return List.copyOf(seen);
            }
        }

        java.util.Optional<String> lastSeen() {
            List<String> v = versions();
            return v.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(v.get(v.size() - 1));
        }

        boolean gone() {
            return goneFlag[0];
        }
    }
}
