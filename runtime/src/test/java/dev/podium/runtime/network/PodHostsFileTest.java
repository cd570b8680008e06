package dev.podium.runtime.network;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PodHostsFileTest {
    static final String BOILERPLATE = """
            # Kubernetes-managed hosts file.
            127.0.0.1\tlocalhost
            ::1\tlocalhost ip6-localhost ip6-loopback
            fe00::0\tip6-localnet
            fe00::0\tip6-mcastprefix
            fe00::1\tip6-allnodes
            fe00::2\tip6-allrouters
            """;

    static ObjectNode pod(String name, String spec) {
        try {
            ObjectNode pod = Json.object();
            pod.putObject("metadata").put("name", name).put("namespace", "team");
            pod.set("spec", spec.isBlank() ? Json.object() : Json.YAML.readTree(spec));
            return pod;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void aPlainPodIsNamedByItsPodName() {
        assertThat(PodHostsFile.render(pod("nginx", ""), "10.200.0.4", "cluster.local"))
                .isEqualTo(BOILERPLATE + "10.200.0.4\tnginx\n");
    }

    @Test
    void aHostnameAndSubdomainGiveTheFullyQualifiedNameFirst() {
        assertThat(PodHostsFile.render(pod("web-0", "{hostname: web-0, subdomain: web}"), "10.0.0.7", "cluster.local"))
                .isEqualTo(BOILERPLATE + "10.0.0.7\tweb-0.web.team.svc.cluster.local\tweb-0\n");
    }

    @Test
    void aHostnameWithoutSubdomainReplacesThePodName() {
        assertThat(PodHostsFile.render(pod("web-abc", "hostname: box"), "10.0.0.7", "cluster.local")).endsWith("\n10.0.0.7\tbox\n");
    }

    @Test
    void hostAliasesFollowUnderTheirOwnHeaderOneLinePerIp() {
        String spec = """
                hostAliases:
                - {ip: 127.0.0.1, hostnames: [foo.local, bar.local]}
                - {ip: 10.1.2.3, hostnames: [foo.remote]}
                """;
        assertThat(PodHostsFile.render(pod("aliased", spec), "10.0.0.8", "cluster.local")).isEqualTo(BOILERPLATE + """
                10.0.0.8\taliased

                # Entries added by HostAliases.
                127.0.0.1\tfoo.local\tbar.local
                10.1.2.3\tfoo.remote
                """);
    }

    @Test
    void everyPodIpGetsALine() {
        assertThat(PodHostsFile.render(pod("dual", ""), List.of("10.0.0.9", "fd00::9"), "cluster.local"))
                .endsWith("\n10.0.0.9\tdual\nfd00::9\tdual\n");
    }

    @Test
    void aLongPodNameIsCutTo63CharactersWithoutATrailingDash() {
        String name = "a".repeat(62) + "-bcd";
        assertThat(PodHostsFile.hostname(pod(name, ""))).isEqualTo("a".repeat(62));
    }
}
