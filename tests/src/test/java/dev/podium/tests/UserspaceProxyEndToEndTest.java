package dev.podium.tests;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static dev.podium.tests.NetworkedNode.curl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The node proxy in userspace mode: listeners in the JVM on the cluster IPs (as root) and node ports, TCP and UDP. */
class UserspaceProxyEndToEndTest {
    static NetworkedNode net;

    @BeforeAll
    static void start() throws Exception {
        net = NetworkedNode.start("userspace", "unused");
        net.webPod("us-a", "us", NetworkedNode.freePort());
        net.webPod("us-b", "us", NetworkedNode.freePort());
        net.kubectl.runWithInput("""
                apiVersion: v1
                kind: Service
                metadata: {name: us}
                spec: {type: NodePort, selector: {app: us}, ports: [{port: 80, targetPort: http}]}
                """, "apply", "-f", "-").ok();
        net.awaitReadyEndpoints("us", 2);
    }

    @AfterAll
    static void stop() throws Exception {
        net.close();
    }

    @Test
    void theClusterIPAndTheNodePortRelayToEveryEndpointInTurn() throws Exception {
        String ip = net.jsonpath("service", "us", ".spec.clusterIP");
        String nodePort = net.jsonpath("service", "us", ".spec.ports[0].nodePort");
        await().atMost(Duration.ofSeconds(10)).until(() -> curl("http://" + ip + "/").exit() == 0);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 4; i++) seen.add(curl("http://" + ip + "/").out());
        assertThat(seen).containsExactlyInAnyOrder("us-a", "us-b");
        assertThat(curl("http://127.0.0.1:" + nodePort + "/").out()).startsWith("us-");
    }

    @Test
    void aServiceWithoutEndpointsRefusesConnections() throws Exception {
        net.kubectl.run("create", "service", "clusterip", "nobody", "--tcp=80:8080").ok();
        String ip = net.jsonpath("service", "nobody", ".spec.clusterIP");
        await().atMost(Duration.ofSeconds(10)).until(() -> curl("--connect-timeout", "3", "http://" + ip + "/").exit() == 7);
    }

    @Test
    void udpReachesTheClusterDnsThroughItsServiceAddress() throws Exception {
        SimpleResolver resolver = new SimpleResolver(InetAddress.getByName("10.96.0.10"));
        resolver.setTimeout(Duration.ofSeconds(3));
        String ip = net.jsonpath("service", "us", ".spec.clusterIP");
        await().atMost(Duration.ofSeconds(10)).until(() -> ServiceProxyEndToEndTest.records(resolver, "us.default.svc.cluster.local.", Type.A)
                .stream().anyMatch(r -> r.rdataToString().equals(ip)));
    }
}
