package dev.podium.tests;

import dev.podium.launcher.ClusterSettings;
import dev.podium.launcher.NodeSettings;
import dev.podium.persistence.PostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * exec, attach and port-forward through a member that does not host the pod's node: the member
 * relays the WebSocket to the member that does, as kube's API server relays to the kubelet.
 */
class StreamingRelayTest {
    static PostgresDatabase db;
    static TestNode hosting;
    static TestNode relaying;
    static Kubectl kubectl;
    static int webPort;

    @BeforeAll
    static void start() throws Exception {
        db = PostgresDatabase.create("podium_relay");
        Path dir = Files.createTempDirectory("podium-relay");
        List<Integer> ports = List.of(ApiClient.freePort(), ApiClient.freePort());
        List<String> seeds = ports.stream().map(p -> "127.0.0.1:" + p).toList();
        // both members serve TLS with one CA: the relay is a TLS client with a certificate of its own
        NodeSettings.ApiAccess tls = NodeSettings.ApiAccess.secure(dir.resolve("ca"));
        hosting = TestNode.start(NodeSettings.defaults(dir.resolve("a"), 0).withApiAccess(tls).withDatabase(db.profile)
                .withCluster(new ClusterSettings("127.0.0.1", ports.get(0), seeds)).withHosting(new NodeSettings.Hosting(true, "real-a", 0, "sim-a")));
        relaying = TestNode.start(NodeSettings.defaults(dir.resolve("b"), 0).withApiAccess(tls).withDatabase(db.profile)
                .withCluster(new ClusterSettings("127.0.0.1", ports.get(1), seeds)).withHosting(new NodeSettings.Hosting(false, "unused", 0, "sim-b")));
        kubectl = new Kubectl(relaying.kubeconfig());
        webPort = NetworkedNode.freePort();
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Pod
                metadata: {name: far}
                spec:
                  nodeName: real-a
                  containers:
                  - {name: web, image: python, command: [sh, -c, 'cd $(mktemp -d) && echo relayed > index.html && exec python3 -m http.server %d']}
                """.formatted(webPort), "apply", "-f", "-").ok();
        await().atMost(Duration.ofSeconds(40)).until(() -> kubectl.run("get", "pod", "far", "-o", "jsonpath={.status.phase}").out().equals("Running"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (relaying != null) relaying.close();
        if (hosting != null) hosting.close();
        if (db != null) db.close();
    }

    @Test
    void execThroughAnotherMemberKeepsStreamsAndExitCode() throws Exception {
        Kubectl.Result r = kubectl.runWithInput("in\n", "exec", "-i", "far", "--", "sh", "-c", "cat; echo err >&2; exit 7");
        assertThat(r.exit()).isEqualTo(7);
        assertThat(r.out()).isEqualTo("in\n");
        assertThat(r.err()).contains("err");
    }

    @Test
    void logsThroughAnotherMemberAreTheHostingMembers() throws Exception {
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Pod
                metadata: {name: far-log}
                spec:
                  nodeName: real-a
                  restartPolicy: Never
                  containers:
                  - {name: main, image: busybox, command: [sh, -c, 'echo from-a']}
                """, "apply", "-f", "-").ok();
        await().atMost(Duration.ofSeconds(40)).until(() -> kubectl.run("logs", "far-log").out().equals("from-a\n"));
    }

    @Test
    void portForwardThroughAnotherMemberReachesThePod() throws Exception {
        int local = NetworkedNode.freePort();
        Process forward = kubectl.start("port-forward", "pod/far", local + ":" + webPort);
        try {
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> NetworkedNode.curl("http://127.0.0.1:" + local + "/").out().equals("relayed"));
        } finally {
            forward.destroy();
        }
    }
}
