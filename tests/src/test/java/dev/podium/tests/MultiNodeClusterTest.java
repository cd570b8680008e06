package dev.podium.tests;

import dev.podium.persistence.PostgresDatabase;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import dev.podium.actors.objects.ObjectEntity;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.launcher.ClusterSettings;
import dev.podium.launcher.NodeSettings;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.GetClusterShardingStats;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three Podium members in one JVM (three actor systems on loopback ports) over one PostgreSQL:
 * entities spread over the members, Services created at once through two members get distinct
 * cluster IPs and node ports (all members draw the same candidates, so they collide), a member
 * leaving hands its shards over, binds racing with that hand-over land once, and the scheduler
 * singleton moves when its member leaves.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiNodeClusterTest {
    static PostgresDatabase db;
    static final List<TestNode> members = new ArrayList<>();
    static final List<ApiClient> apis = new ArrayList<>();
    static final Map<String, String> configMapVersions = new HashMap<>();

    @BeforeAll
    static void startThreeMembers() throws Exception {
        db = PostgresDatabase.create("podium_test");
        Path dir = Files.createTempDirectory("podium-cluster");
        List<Integer> ports = List.of(ApiClient.freePort(), ApiClient.freePort(), ApiClient.freePort());
        List<String> seeds = ports.stream().map(p -> "127.0.0.1:" + p).toList();
        List<CompletableFuture<TestNode>> starting = new ArrayList<>();
        for (int k = 1; k <= 3; k++) {
            NodeSettings settings = NodeSettings.defaults(dir.resolve("node-" + k), 0).withDatabase(db.profile)
                    .withCluster(new ClusterSettings("127.0.0.1", ports.get(k - 1), seeds))
                    .withHosting(new NodeSettings.Hosting(false, "unused", 1, "sim-" + k))
                    .withConfig(ConfigFactory.parseString("podium.scheduler-resync = 2s\npodium.allocation-seed = 11"));
            starting.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return TestNode.start(settings);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (CompletableFuture<TestNode> f : starting) {
            members.add(f.get());
            apis.add(ApiClient.of(members.get(members.size() - 1).url()));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (TestNode m : members) m.close();
        if (db != null) db.close();
    }

    @Test
    @Order(0)
    void aDefinitionCreatedThroughOneMemberIsServedByEveryMemberWhenItsCreateReturns() throws Exception {
        ApiClient.Reply crd = apis.get(0).post("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", """
                {"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition", "metadata": {"name": "gadgets.example.com"},
                 "spec": {"group": "example.com", "scope": "Namespaced", "names": {"plural": "gadgets", "kind": "Gadget"},
                          "versions": [{"name": "v1", "served": true, "storage": true,
                                        "schema": {"openAPIV3Schema": {"type": "object", "properties": {"spec": {"type": "object",
                                            "properties": {"size": {"type": "integer", "maximum": 3}}}}}}}]}}""");
        assertThat(crd.code()).isEqualTo(201);
        String rv = crd.body().path("metadata").path("resourceVersion").asText();
        for (int m = 0; m < 3; m++) {
            ApiClient.Reply created = apis.get(m).post("/apis/example.com/v1/namespaces/default/gadgets?resourceVersion=" + rv,
                    "{\"apiVersion\":\"example.com/v1\",\"kind\":\"Gadget\",\"metadata\":{\"name\":\"g" + m + "\"},\"spec\":{\"size\":" + m + "}}");
            assertThat(created.code()).as("create through member %d: %s", m, created.body()).isEqualTo(201);
        }
        for (ApiClient api : apis) {
            assertThat(api.get("/apis/example.com/v1").code()).isEqualTo(200);
            ApiClient.Reply tooBig = api.post("/apis/example.com/v1/namespaces/default/gadgets",
                    "{\"apiVersion\":\"example.com/v1\",\"kind\":\"Gadget\",\"metadata\":{\"name\":\"big\"},\"spec\":{\"size\":9}}");
            assertThat(tooBig.code()).isEqualTo(422);
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            for (ApiClient api : apis) assertThat(api.get("/apis/example.com/v1/namespaces/default/gadgets").body().path("items")).hasSize(3);
        });
    }

    @Test
    @Order(1)
    void entitiesSpreadOverTheMembersAndEveryMemberServesTheirLatestState() throws Exception {
        for (int i = 0; i < 60; i++) {
            ApiClient.Reply r = apis.get(0).post("/api/v1/namespaces/default/configmaps",
                    "{\"metadata\":{\"name\":\"cm-" + i + "\"},\"data\":{\"v\":\"" + i + "\"}}");
            assertThat(r.code()).as(r.body().toString()).isEqualTo(201);
            configMapVersions.put("cm-" + i, r.rv());
        }
        for (ApiClient api : apis.subList(1, 3)) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                for (Map.Entry<String, String> e : configMapVersions.entrySet()) {
                    assertThat(api.get("/api/v1/namespaces/default/configmaps/" + e.getKey()).rv()).isEqualTo(e.getValue());
                }
            });
        }
        ShardRegion.ClusterShardingStats stats = AskPattern.<org.apache.pekko.cluster.sharding.typed.ClusterShardingQuery, ShardRegion.ClusterShardingStats>ask(
                ClusterSharding.get(members.get(0).node.system()).shardState(),
                replyTo -> new GetClusterShardingStats(ObjectEntity.key(KindRegistry.get("ConfigMap")), Duration.ofSeconds(3), replyTo),
                Duration.ofSeconds(5), members.get(0).node.system().scheduler()).toCompletableFuture().get();
        long hosting = stats.getRegions().values().stream().filter(r -> !r.getStats().isEmpty()).count();
        assertThat(hosting).as("members hosting ConfigMap entities: %s", stats.getRegions()).isGreaterThanOrEqualTo(2);
        assertThat(apis.get(1).readyzVerbose()).contains("[+]cluster ok", "unreachable: none");
        assertThat(memberLines(apis.get(1))).hasSize(3).allMatch(l -> l.contains(" Up,"));
    }

    @Test
    @Order(2)
    void evictionsRacingOnTwoMembersSpendTheBudgetOnce() throws Exception {
        for (int i = 0; i < 3; i++) {
            ApiClient.Reply r = apis.get(0).post("/api/v1/namespaces/default/pods", "{\"metadata\":{\"name\":\"guarded-" + i
                    + "\",\"labels\":{\"app\":\"guarded\"}},\"spec\":{\"nodeName\":\"sim-" + (i + 1) + "-00001\",\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}");
            assertThat(r.code()).as(r.body().toString()).isEqualTo(201);
        }
        assertThat(apis.get(0).post("/apis/policy/v1/namespaces/default/poddisruptionbudgets",
                "{\"metadata\":{\"name\":\"keep2\"},\"spec\":{\"minAvailable\":2,\"selector\":{\"matchLabels\":{\"app\":\"guarded\"}}}}").code()).isEqualTo(201);
        for (ApiClient api : apis) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                for (int i = 0; i < 3; i++) {
                    JsonNode pod = api.get("/api/v1/namespaces/default/pods/guarded-" + i).body();
                    assertThat(pod.path("status").path("phase").asText()).isEqualTo("Running");
                }
            });
        }
        // evictions are judged by the budget's status, which its controller updates once it has seen the pods ready
        await().atMost(Duration.ofSeconds(20)).until(() ->
                apis.get(0).get("/apis/policy/v1/namespaces/default/poddisruptionbudgets/keep2").body().path("status").path("disruptionsAllowed").asInt() == 1);
        List<CompletableFuture<Integer>> evictions = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ApiClient api = apis.get(i);
            String pod = "guarded-" + i;
            evictions.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return api.post("/api/v1/namespaces/default/pods/" + pod + "/eviction",
                            "{\"apiVersion\":\"policy/v1\",\"kind\":\"Eviction\",\"metadata\":{\"name\":\"" + pod + "\",\"namespace\":\"default\"}}").code();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        List<Integer> codes = new ArrayList<>();
        for (CompletableFuture<Integer> f : evictions) codes.add(f.get());
        assertThat(codes).containsExactlyInAnyOrder(201, 429);
        // read on a third member, whose cache follows the journal within a poll or so
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(apis.get(2)
                .get("/apis/policy/v1/namespaces/default/poddisruptionbudgets/keep2").body().path("status").path("disruptionsAllowed").asInt()).isZero());
        // the evicted pod is terminating or gone (the budget lists it under disruptedPods only until its deletion shows)
        int evicted = codes.get(0) == 201 ? 0 : 1;
        // another member's cache follows the journal within a poll or so (read-your-writes holds on the writing member only)
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode pod = apis.get(2).get("/api/v1/namespaces/default/pods/guarded-" + evicted).body();
            assertThat(pod.path("metadata").has("deletionTimestamp") || pod.path("code").asInt() == 404).as(pod.toString()).isTrue();
        });
    }

    @Test
    @Order(3)
    void servicesCreatedAtOnceThroughTwoMembersOfferingTheSameCandidatesGetDistinctClusterIpsAndNodePorts() throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        List<CompletableFuture<List<JsonNode>>> creators = new ArrayList<>();
        for (int m = 0; m < 2; m++) {
            ApiClient api = apis.get(m);
            String prefix = "svc-" + m + "-";
            creators.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                    List<JsonNode> created = new ArrayList<>();
                    for (int i = 0; i < 8; i++) {
                        ApiClient.Reply r = api.post("/api/v1/namespaces/default/services", "{\"metadata\":{\"name\":\"" + prefix + i
                                + "\"},\"spec\":{\"type\":\"NodePort\",\"ports\":[{\"name\":\"a\",\"port\":80},{\"name\":\"b\",\"port\":443}]}}");
                        assertThat(r.code()).as(r.body().toString()).isEqualTo(201);
                        created.add(r.body());
                    }
                    return created;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        List<JsonNode> services = new ArrayList<>();
        for (CompletableFuture<List<JsonNode>> c : creators) services.addAll(c.get());
        List<String> ips = services.stream().map(s -> s.at("/spec/clusterIP").asText()).toList();
        List<Integer> nodePorts = services.stream().flatMap(s -> StreamSupport.stream(s.at("/spec/ports").spliterator(), false))
                .map(p -> p.path("nodePort").asInt()).toList();
        assertThat(ips).hasSize(16).doesNotHaveDuplicates();
        assertThat(nodePorts).hasSize(32).doesNotHaveDuplicates().allMatch(p -> p >= 30000 && p <= 32767);
        // every claim names its Service, as the third member sees it
        ApiClient third = apis.get(2);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (JsonNode s : services) {
                String name = s.at("/metadata/name").asText();
                assertThat(third.get("/apis/networking.k8s.io/v1/ipaddresses/" + s.at("/spec/clusterIP").asText()).body()
                        .at("/spec/parentRef/name").asText()).isEqualTo(name);
                for (JsonNode p : s.at("/spec/ports")) {
                    assertThat(third.get("/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/nodeport-" + p.path("nodePort").asInt()).body()
                            .at("/spec/holderIdentity").asText()).isEqualTo("services/default/" + name);
                }
            }
        });
    }

    @Test
    @Order(4)
    void aLeavingMemberHandsItsShardsOverWhileBindsInFlightLandExactlyOnce() throws Exception {
        List<String> pods = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ApiClient.Reply r = apis.get(0).post("/api/v1/namespaces/default/pods", "{\"metadata\":{\"name\":\"bind-" + i
                    + "\"},\"spec\":{\"schedulerName\":\"my-scheduler\",\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}");
            assertThat(r.code()).as(r.body().toString()).isEqualTo(201);
            pods.add("bind-" + i);
        }
        Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
        CompletableFuture<Void> leaving = CompletableFuture.runAsync(() -> {
            try {
                members.get(2).close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // two user schedulers, on two API members, race to bind every pod while the third member hands its shards over
        List<CompletableFuture<Void>> schedulers = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
            ApiClient api = apis.get(s);
            String target = "sim-" + (s + 1) + "-00001";
            schedulers.add(CompletableFuture.runAsync(() -> {
                for (String pod : pods) {
                    if (bindUntilAnswered(api, pod, target) == 201) accepted.computeIfAbsent(pod, p -> new AtomicInteger()).incrementAndGet();
                }
            }));
        }
        CompletableFuture.allOf(schedulers.toArray(CompletableFuture[]::new)).get();
        leaving.get();
        members.remove(2);
        apis.remove(2);
        for (String pod : pods) {
            assertThat(accepted.get(pod)).as("binds of %s accepted", pod).hasValue(1);
            JsonNode stored = apis.get(1).get("/api/v1/namespaces/default/pods/" + pod).body();
            assertThat(stored.path("spec").path("nodeName").asText()).isIn("sim-1-00001", "sim-2-00001");
            assertThat(bindingsInJournal(pod)).as("journalled bindings of %s", pod).isEqualTo(1);
        }
        // the entities that lived on the departed member come back with their state: updates with the last resourceVersion succeed
        for (Map.Entry<String, String> e : configMapVersions.entrySet()) {
            ApiClient.Reply r = apis.get(1).put("/api/v1/namespaces/default/configmaps/" + e.getKey(), "{\"metadata\":{\"name\":\"" + e.getKey()
                    + "\",\"resourceVersion\":\"" + e.getValue() + "\"},\"data\":{\"v\":\"updated\"}}");
            assertThat(r.code()).as("%s: %s", e.getKey(), r.body()).isEqualTo(200);
            e.setValue(r.rv());
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(memberLines(apis.get(0))).hasSize(2).allMatch(l -> l.contains(" Up,")));
    }

    @Test
    @Order(5)
    void theSchedulerSingletonMovesWhenTheOldestMemberLeavesAndKeepsScheduling() throws Exception {
        members.get(0).close();
        members.remove(0);
        ApiClient api = apis.get(1);
        // the departed members' nodes stay Ready until their leases expire (40 s); keep the new pod off them
        for (String gone : List.of("sim-1-00001", "sim-3-00001")) {
            assertThat(api.patch("/api/v1/nodes/" + gone, "{\"spec\":{\"unschedulable\":true}}").code()).isEqualTo(200);
        }
        ApiClient.Reply r = api.post("/api/v1/namespaces/default/pods",
                "{\"metadata\":{\"name\":\"after-failover\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}");
        assertThat(r.code()).as(r.body().toString()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode pod = api.get("/api/v1/namespaces/default/pods/after-failover").body();
            assertThat(pod.path("spec").path("nodeName").asText()).isEqualTo("sim-2-00001");
            assertThat(pod.path("status").path("phase").asText()).isEqualTo("Running");
        });
    }

    /** A user scheduler's loop: retries a bind until the API gives a definite answer (bound now, or already bound). */
    private static int bindUntilAnswered(ApiClient api, String pod, String node) {
        String body = "{\"apiVersion\":\"v1\",\"kind\":\"Binding\",\"metadata\":{\"name\":\"" + pod + "\"},\"target\":{\"kind\":\"Node\",\"name\":\"" + node + "\"}}";
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                int code = api.post("/api/v1/namespaces/default/pods/" + pod + "/binding", body).code();
                if (code == 201 || code == 409) return code;
            } catch (Exception retry) {
                // timed out while the shard moved: try again
            }
        }
        throw new AssertionError("no answer binding " + pod);
    }

    /** Journal events of the pod that set spec.nodeName where the previous one had none. */
    private static int bindingsInJournal(String pod) throws Exception {
        int bindings = 0;
        boolean bound = false;
        try (Connection c = db.profile.connect();
             PreparedStatement st = c.prepareStatement("SELECT event_payload FROM event_journal WHERE persistence_id = ? ORDER BY sequence_number")) {
            st.setString(1, "Pod|default/" + pod);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    boolean now = !ApiClient.JSON.readTree(rs.getBytes(1)).path("object").path("spec").path("nodeName").asText().isEmpty();
                    if (now && !bound) bindings++;
                    bound = now;
                }
            }
        }
        return bindings;
    }

    private static List<String> memberLines(ApiClient api) throws Exception {
        return api.readyzVerbose().lines().map(String::trim).filter(l -> l.startsWith("member ")).toList();
    }
}
