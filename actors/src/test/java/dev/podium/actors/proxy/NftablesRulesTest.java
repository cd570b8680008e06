package dev.podium.actors.proxy;

import dev.podium.actors.proxy.ProxiedPort.Backend;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

class NftablesRulesTest {
    static final ProxiedPort WEB = new ProxiedPort("ns/web", "http", "TCP", 80, List.of("10.96.1.1"), 30080, List.of("192.0.2.2"), 0,
            List.of(new Backend("10.0.0.1", 8080), new Backend("10.0.0.2", 8080)), List.of(new Backend("10.0.0.1", 8080)));
    static final ProxiedPort DNS = new ProxiedPort("kube-system/kube-dns", "dns", "UDP", 53, List.of("10.96.0.10"), 0, List.of(), 10800,
            List.of(new Backend("127.0.0.1", 10053)), List.of(new Backend("127.0.0.1", 10053)));
    static final ProxiedPort EMPTY = new ProxiedPort("ns/idle", "", "TCP", 81, List.of("10.96.1.2"), 30081, List.of(), 0, List.of(), List.of());

    static final String SCRIPT = NftablesRules.render("podium-test", "10.96.0.0/12", List.of(WEB, DNS, EMPTY));

    @Test
    void clusterIPsAndNodePortsMapToTheServicePortsChains() {
        assertThat(SCRIPT).contains("10.96.1.1 . tcp . 80 : goto service-ns/web/tcp/http")
                .contains("192.0.2.2 . tcp . 80 : goto external-ns/web/tcp/http")
                .contains("tcp . 30080 : goto external-ns/web/tcp/http")
                .contains("10.96.0.10 . udp . 53 : goto service-kube-system/kube-dns/udp/dns");
    }

    @Test
    void endpointsArePickedAtRandomAndTranslated() {
        assertThat(SCRIPT).contains("numgen random mod 2 vmap { 0 : goto endpoint-ns/web/tcp/http/10.0.0.1/8080, 1 : goto endpoint-ns/web/tcp/http/10.0.0.2/8080 }")
                .contains("meta l4proto tcp dnat to 10.0.0.2:8080")
                .contains("meta l4proto udp dnat to 127.0.0.1:10053");
    }

    @Test
    void clientIPAffinityPinsAClientToItsEndpointForTheTimeout() {
        assertThat(SCRIPT).contains("ip saddr @affinity-kube-system/kube-dns/udp/dns/127.0.0.1/10053 goto")
                .contains("timeout 10800s")
                .contains("update @affinity-kube-system/kube-dns/udp/dns/127.0.0.1/10053 { ip saddr }");
        assertThat(SCRIPT).doesNotContain("affinity-ns/web");
    }

    @Test
    void portsWithoutEndpointsAndTheRestOfTheRangeAreRejected() {
        assertThat(SCRIPT).doesNotContain("10.96.1.2 . tcp . 81 : goto")
                .contains("tcp . 30081")
                .contains("ip daddr 10.96.0.0/12 goto reject-now")
                .contains("meta l4proto tcp reject with tcp reset");
    }

    @Test
    void theScriptReplacesTheTableAndNftAcceptsIt() throws Exception {
        assertThat(SCRIPT).startsWith("table ip podium-test\ndelete table ip podium-test\ntable ip podium-test {\n");
        if (!HostCommands.has("nft")) fail("nft is not installed: apt-get install nftables (the Service proxy's rules are checked with nft --check)");
        HostCommands.Result check = HostCommands.run(List.of("nft", "--check", "-f", "-"), SCRIPT);
        assertThat(check.ok()).as(check.output()).isTrue();
        HostCommands.Result empty = HostCommands.run(List.of("nft", "--check", "-f", "-"), NftablesRules.render("podium-test", "10.96.0.0/12", List.of()));
        assertThat(empty.ok()).as(empty.output()).isTrue();
    }
}
