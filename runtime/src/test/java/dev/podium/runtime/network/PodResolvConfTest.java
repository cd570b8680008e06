package dev.podium.runtime.network;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class PodResolvConfTest {
    static final String HOST = """
            # written by the host
            nameserver 192.0.2.53
            nameserver 192.0.2.54
            ; old search line, replaced by the next one
            search old.example
            search corp.example. lab.example
            options edns0 timeout:2
            """;

    /** A pod in namespace {@code team} whose spec is the given YAML. */
    static ObjectNode pod(String spec) {
        try {
            ObjectNode pod = Json.object();
            pod.putObject("metadata").put("name", "web").put("namespace", "team");
            pod.set("spec", spec.isBlank() ? Json.object() : Json.YAML.readTree(spec));
            return pod;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String render(String spec) {
        return PodResolvConf.render(pod(spec), "10.96.0.10", "cluster.local", HOST);
    }

    static final String CLUSTER = """
            nameserver 10.96.0.10
            search team.svc.cluster.local svc.cluster.local cluster.local corp.example lab.example
            options ndots:5
            """;
    static final String HOSTS_OWN = """
            nameserver 192.0.2.53
            nameserver 192.0.2.54
            search corp.example lab.example
            options edns0 timeout:2
            """;

    static Stream<Arguments> policies() {
        return Stream.of(
                Arguments.of("no policy is ClusterFirst", "", CLUSTER),
                Arguments.of("ClusterFirst", "dnsPolicy: ClusterFirst", CLUSTER),
                Arguments.of("ClusterFirst on the host network is Default", "{dnsPolicy: ClusterFirst, hostNetwork: true}", HOSTS_OWN),
                Arguments.of("ClusterFirstWithHostNet", "{dnsPolicy: ClusterFirstWithHostNet, hostNetwork: true}", CLUSTER),
                Arguments.of("Default", "dnsPolicy: Default", HOSTS_OWN),
                Arguments.of("None without dnsConfig", "dnsPolicy: None", ""),
                Arguments.of("None", """
                        dnsPolicy: None
                        dnsConfig:
                          nameservers: [1.1.1.1]
                          searches: [a.example]
                          options: [{name: ndots, value: "2"}, {name: rotate}]
                        """, "nameserver 1.1.1.1\nsearch a.example\noptions ndots:2 rotate\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void eachPolicyWritesWhatTheKubeletWrites(String description, String spec, String expected) {
        assertThat(render(spec)).isEqualTo(expected);
    }

    @Test
    void dnsConfigAddsNameserversAndSearchesAndMergesOptionsByName() {
        String out = render("""
                dnsConfig:
                  nameservers: [10.96.0.10, 9.9.9.9]
                  searches: [svc.cluster.local, extra.example]
                  options: [{name: ndots, value: "1"}, {name: edns0}]
                """);
        assertThat(out).isEqualTo("""
                nameserver 10.96.0.10
                nameserver 9.9.9.9
                search team.svc.cluster.local svc.cluster.local cluster.local corp.example lab.example extra.example
                options ndots:1 edns0
                """);
    }

    @Test
    void atMostThreeNameserversAreKept() {
        String out = render("dnsPolicy: Default\ndnsConfig: {nameservers: [1.1.1.1, 8.8.8.8]}");
        assertThat(out.lines().filter(l -> l.startsWith("nameserver"))).containsExactly(
                "nameserver 192.0.2.53", "nameserver 192.0.2.54", "nameserver 1.1.1.1");
    }

    @Test
    void searchDomainsAreCutTo32AndTo2048Characters() {
        String many = IntStream.range(0, 40).mapToObj(i -> "d" + i + ".example").collect(Collectors.joining(", "));
        String out = render("dnsPolicy: None\ndnsConfig: {searches: [" + many + "]}");
        String[] kept = searchLine(out);
        assertThat(kept).hasSize(32).endsWith("d31.example");

        String longDomain = "x".repeat(60) + ".example";
        String big = IntStream.range(0, 31).mapToObj(i -> i + longDomain).collect(Collectors.joining(", "));
        String[] cut = searchLine(render("dnsPolicy: None\ndnsConfig: {searches: [" + big + "]}"));
        assertThat(String.join(" ", cut).length()).isLessThanOrEqualTo(2048);
        assertThat(cut).hasSizeLessThan(31).startsWith("0" + longDomain);
    }

    @Test
    void searchDomainsOver253CharactersAreDropped() {
        String tooLong = "a".repeat(250) + ".example";
        assertThat(searchLine(render("dnsPolicy: None\ndnsConfig: {searches: [" + tooLong + ", ok.example]}"))).containsExactly("ok.example");
    }

    @Test
    void aClusterPolicyWithoutAClusterDnsIpGetsTheHostsResolvConf() {
        assertThat(PodResolvConf.render(pod(""), "", "cluster.local", HOST)).isEqualTo(HOSTS_OWN);
    }

    @Test
    void hostSearchDomainsRepeatingTheClusterOnesAppearOnce() {
        String host = "nameserver 192.0.2.53\nsearch cluster.local corp.example\n";
        assertThat(searchLine(PodResolvConf.render(pod(""), "10.96.0.10", "cluster.local", host)))
                .containsExactly("team.svc.cluster.local", "svc.cluster.local", "cluster.local", "corp.example");
    }

    private static String[] searchLine(String resolvConf) {
        return resolvConf.lines().filter(l -> l.startsWith("search ")).findFirst().orElseThrow().substring(7).split(" ");
    }
}
