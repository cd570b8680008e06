package dev.podium.tests;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.podium.tests.NetworkedNode.curl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Service traffic through the node proxy in nftables mode, real HTTP from the host (the process
 * runtime's pods are host processes, so the host is also where pods send from), the built-in
 * load balancer, and the cluster DNS through its Service address.
 */
class ServiceProxyEndToEndTest {
    static NetworkedNode net;
    static Kubectl kubectl;

    @BeforeAll
    static void start() throws Exception {
        net = NetworkedNode.start("nftables", "podium-e2e");
        kubectl = net.kubectl;
        net.webPod("web-a", "web", NetworkedNode.freePort());
        net.webPod("web-b", "web", NetworkedNode.freePort());
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Service
                metadata: {name: web}
                spec:
                  type: LoadBalancer
                  selector: {app: web}
                  ports: [{name: http, port: 80, targetPort: http}]
                """, "apply", "-f", "-").ok();
        net.awaitReadyEndpoints("web", 2);
    }

    @AfterAll
    static void stop() throws Exception {
        net.close();
    }

    static Set<String> answers(String url, int requests) throws Exception {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < requests; i++) seen.add(curl(url).out());
        return seen;
    }

    @Test
    void theClusterIPSpreadsRequestsOverTheReadyEndpoints() throws Exception {
        String ip = net.jsonpath("service", "web", ".spec.clusterIP");
        await().atMost(Duration.ofSeconds(10)).until(() -> answers("http://" + ip + "/", 30).equals(Set.of("web-a", "web-b")));
    }

    @Test
    void theNodePortAndTheLoadBalancerAddressAnswer() throws Exception {
        String nodePort = net.jsonpath("service", "web", ".spec.ports[0].nodePort");
        assertThat(answers("http://127.0.0.1:" + nodePort + "/", 10)).isSubsetOf("web-a", "web-b").isNotEmpty();
        await().atMost(Duration.ofSeconds(20)).until(() -> !net.jsonpath("service", "web", ".status.loadBalancer.ingress[0].ip").isEmpty());
        String lb = net.jsonpath("service", "web", ".status.loadBalancer.ingress[0].ip");
        assertThat(kubectl.run("get", "service", "web").ok().out()).containsPattern("web\\s+LoadBalancer\\s+\\S+\\s+" + lb.replace(".", "\\.") + "\\s+80:");
        await().atMost(Duration.ofSeconds(10)).until(() -> answers("http://" + lb + ":80/", 10).stream().allMatch(a -> a.startsWith("web-")));
    }

    @Test
    void aClusterIPAnswersOnlyOnItsPortsAndCannotBePinged() throws Exception {
        String ip = net.jsonpath("service", "web", ".spec.clusterIP");
        assertThat(curl("--connect-timeout", "3", "http://" + ip + ":81/").exit()).as("another port of the cluster IP is refused").isEqualTo(7);
        boolean answered;
        try {
            answered = InetAddress.getByName(ip).isReachable(2000);
        } catch (java.net.SocketException rejected) {
            answered = false; // the echo request itself is rejected on its way out ("Operation not permitted")
        }
        assertThat(answered).as("an ICMP echo to the cluster IP (Java sends one as root)").isFalse();
        assertThat(InetAddress.getByName("127.0.0.1").isReachable(2000)).as("while the same echo to a real address is answered").isTrue();
    }

    @Test
    void aLoadBalancerOfAnotherClassStaysPendingAndItsNodePortStillWorks() throws Exception {
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Service
                metadata: {name: elsewhere}
                spec:
                  type: LoadBalancer
                  loadBalancerClass: example.com/cloud
                  selector: {app: web}
                  ports: [{port: 80, targetPort: http}]
                """, "apply", "-f", "-").ok();
        net.awaitReadyEndpoints("elsewhere", 2);
        String nodePort = net.jsonpath("service", "elsewhere", ".spec.ports[0].nodePort");
        await().atMost(Duration.ofSeconds(10)).until(() -> curl("http://127.0.0.1:" + nodePort + "/").out().startsWith("web-"));
        assertThat(kubectl.run("get", "service", "elsewhere").ok().out()).containsPattern("elsewhere\\s+LoadBalancer\\s+\\S+\\s+<pending>");
    }

    @Test
    void clientIPAffinityKeepsAClientOnOneEndpoint() throws Exception {
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Service
                metadata: {name: sticky}
                spec:
                  selector: {app: web}
                  sessionAffinity: ClientIP
                  sessionAffinityConfig: {clientIP: {timeoutSeconds: 60}}
                  ports: [{port: 8080, targetPort: http}]
                """, "apply", "-f", "-").ok();
        net.awaitReadyEndpoints("sticky", 2);
        String ip = net.jsonpath("service", "sticky", ".spec.clusterIP");
        await().atMost(Duration.ofSeconds(10)).until(() -> curl("http://" + ip + ":8080/").exit() == 0);
        assertThat(answers("http://" + ip + ":8080/", 20)).hasSize(1);
    }

    @Test
    void aPodThatStopsBeingReadyGetsNoMoreTraffic() throws Exception {
        Path readyFile = Files.createTempFile("podium-ready", "");
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Pod
                metadata: {name: flaky, labels: {app: flaky}}
                spec:
                  containers:
                  - name: web
                    image: python
                    command: [sh, -c, 'd=$(mktemp -d) && cd $d && echo flaky > index.html && exec python3 -m http.server %d']
                    ports: [{name: http, containerPort: %1$d}]
                    readinessProbe: {exec: {command: [test, -f, %s]}, periodSeconds: 1}
                """.formatted(NetworkedNode.freePort(), readyFile), "apply", "-f", "-").ok();
        net.webPod("steady", "flaky", NetworkedNode.freePort());
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Service
                metadata: {name: flaky}
                spec: {selector: {app: flaky}, ports: [{port: 80, targetPort: http}]}
                """, "apply", "-f", "-").ok();
        net.awaitReadyEndpoints("flaky", 2);
        String ip = net.jsonpath("service", "flaky", ".spec.clusterIP");
        await().atMost(Duration.ofSeconds(10)).until(() -> answers("http://" + ip + "/", 20).equals(Set.of("flaky", "steady")));
        Files.delete(readyFile);
        net.awaitReadyEndpoints("flaky", 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> answers("http://" + ip + "/", 20).equals(Set.of("steady")));
    }

    @Test
    void aServiceWithoutReadyEndpointsRefusesConnectionsAtOnce() throws Exception {
        kubectl.run("create", "service", "clusterip", "nobody", "--tcp=80:8080").ok();
        String ip = net.jsonpath("service", "nobody", ".spec.clusterIP");
        NetworkedNode.Curl c = curl("--connect-timeout", "3", "http://" + ip + "/");
        assertThat(c.exit()).as("curl exit 7 is a refused connection, 28 a timeout: " + c.out()).isEqualTo(7);
        assertThat(curl("--connect-timeout", "3", "http://10.111.222.33/").exit()).as("an address of the range no Service holds").isEqualTo(7);
    }

    @Test
    void clusterDnsAnswersThroughTheKubeDnsServiceAddress() throws Exception {
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Service
                metadata: {name: web-headless}
                spec: {clusterIP: None, selector: {app: web}, ports: [{name: http, port: 80, targetPort: http}]}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: docs}
                spec: {type: ExternalName, externalName: docs.example.org}
                """, "apply", "-f", "-").ok();
        net.awaitReadyEndpoints("web-headless", 2);
        SimpleResolver resolver = new SimpleResolver(InetAddress.getByName("10.96.0.10"));
        resolver.setTimeout(Duration.ofSeconds(3));
        String clusterIP = net.jsonpath("service", "web", ".spec.clusterIP");
        assertThat(records(resolver, "web.default.svc.cluster.local.", Type.A)).singleElement()
                .satisfies(r -> assertThat(((ARecord) r).getAddress().getHostAddress()).isEqualTo(clusterIP));
        String podIP = net.jsonpath("pod", "web-a", ".status.podIP");
        assertThat(records(resolver, "web-headless.default.svc.cluster.local.", Type.A)).as("the ready pods' IPs (one host address here)")
                .isNotEmpty().allSatisfy(r -> assertThat(((ARecord) r).getAddress().getHostAddress()).isEqualTo(podIP));
        assertThat(records(resolver, "_http._tcp.web.default.svc.cluster.local.", Type.SRV)).singleElement()
                .satisfies(r -> assertThat(((SRVRecord) r).getPort()).isEqualTo(80));
        assertThat(records(resolver, "docs.default.svc.cluster.local.", Type.CNAME)).singleElement()
                .satisfies(r -> assertThat(((CNAMERecord) r).getTarget().toString()).isEqualTo("docs.example.org."));
        assertThat(records(resolver, ReverseMap.fromAddress(clusterIP).toString(), Type.PTR)).singleElement()
                .satisfies(r -> assertThat(((PTRRecord) r).getTarget().toString()).isEqualTo("web.default.svc.cluster.local."));
        Message missing = resolver.send(Message.newQuery(Record.newRecord(Name.fromString("nothing.default.svc.cluster.local."), Type.A, DClass.IN)));
        assertThat(missing.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    }

    @Test
    void aClusterFirstPodResolvesAServiceByItsShortName() throws Exception {
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Pod
                metadata: {name: resolver}
                spec:
                  restartPolicy: Never
                  containers: [{name: c, image: busybox, command: [sh, -c, 'cat /etc/resolv.conf; getent hosts web']}]
                """, "apply", "-f", "-").ok();
        await().atMost(Duration.ofSeconds(30)).until(() -> net.jsonpath("pod", "resolver", ".status.phase").equals("Succeeded"));
        String logs = kubectl.run("logs", "resolver").ok().out();
        assertThat(logs).contains("nameserver 10.96.0.10").contains("search default.svc.cluster.local svc.cluster.local cluster.local")
                .contains("options ndots:5").containsPattern(net.jsonpath("service", "web", ".spec.clusterIP").replace(".", "\\.") + "\\s+web\\.default\\.svc\\.cluster\\.local");
    }

    static List<Record> records(SimpleResolver resolver, String name, int type) throws Exception {
        Message answer = resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN)));
        return answer.getSection(Section.ANSWER).stream().filter(r -> r.getType() == type).toList();
    }
}
