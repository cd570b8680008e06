package dev.podium.runtime.cri;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.runtime.TestPods;
import dev.podium.runtime.cri.v1.ContainerConfig;
import dev.podium.runtime.cri.v1.NamespaceMode;
import dev.podium.runtime.cri.v1.PodSandboxConfig;
import dev.podium.runtime.network.ResolvConf;
import dev.podium.runtime.process.Expansion;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CriConfigsTest {
    @Test
    void commandAndArgsGoToContainerdExpandedAndTheImageIsNormalized() {
        ObjectNode c = TestPods.parse("{'name':'main','image':'busybox:1.36','command':['sh','-c'],'args':['echo $(GREETING) $$(HOME)']}");
        ObjectNode pod = TestPods.pod("p", "Never", c);
        ContainerConfig cfg = CriConfigs.container(pod, c, Map.of("GREETING", "hi"), List.of(), 2, s -> Expansion.expand(s, Map.of("GREETING", "hi")));
        assertThat(cfg.getCommandList()).containsExactly("sh", "-c");
        assertThat(cfg.getArgsList()).containsExactly("echo hi $(HOME)");
        assertThat(cfg.getImage().getImage()).isEqualTo("docker.io/library/busybox:1.36");
        assertThat(cfg.getMetadata().getAttempt()).isEqualTo(2);
        assertThat(cfg.getLogPath()).isEqualTo("main/2.log");
        assertThat(cfg.getLabelsMap()).containsEntry(CriConfigs.CONTAINER_NAME, "main").containsEntry(CriConfigs.POD_UID, TestPods.uid(pod));
    }

    @Test
    void anImageWithoutCommandKeepsItsEntrypoint() {
        ObjectNode c = TestPods.parse("{'name':'main','image':'busybox','args':['sleep','1']}");
        ContainerConfig cfg = CriConfigs.container(TestPods.pod("p", "Never", c), c, Map.of(), List.of(), 0, s -> s);
        assertThat(cfg.getCommandList()).isEmpty();
        assertThat(cfg.getArgsList()).containsExactly("sleep", "1");
    }

    @Test
    void resourcesBecomeSharesQuotaAndAMemoryLimit() {
        var r = CriConfigs.resources(TestPods.parse("{'requests':{'cpu':'250m'},'limits':{'cpu':'500m','memory':'64Mi'}}"));
        assertThat(r.getCpuShares()).isEqualTo(256);
        assertThat(r.getCpuPeriod()).isEqualTo(100_000);
        assertThat(r.getCpuQuota()).isEqualTo(50_000);
        assertThat(r.getMemoryLimitInBytes()).isEqualTo(64L << 20);
        assertThat(CriConfigs.resources(TestPods.parse("{}")).getCpuShares()).isEqualTo(2);
    }

    @Test
    void theSecurityContextOfTheContainerWinsOverThePods() {
        ObjectNode c = TestPods.parse("{'name':'main','image':'busybox','securityContext':{'runAsUser':1000,'readOnlyRootFilesystem':true,"
                + "'privileged':false,'capabilities':{'add':['NET_ADMIN'],'drop':['ALL']}}}");
        ObjectNode pod = TestPods.pod("p", "Never", c);
        ((ObjectNode) pod.get("spec")).set("securityContext", TestPods.parse("{'runAsUser':1,'runAsGroup':2000,'supplementalGroups':[3]}"));
        var s = CriConfigs.security(pod, c);
        assertThat(s.getRunAsUser().getValue()).isEqualTo(1000);
        assertThat(s.getRunAsGroup().getValue()).isEqualTo(2000);
        assertThat(s.getSupplementalGroupsList()).containsExactly(3L);
        assertThat(s.getReadonlyRootfs()).isTrue();
        assertThat(s.getCapabilities().getAddCapabilitiesList()).containsExactly("NET_ADMIN");
        assertThat(s.getCapabilities().getDropCapabilitiesList()).containsExactly("ALL");
    }

    @Test
    void theSandboxCarriesHostnameDnsPortsAndTheHostNetworkChoice() {
        ObjectNode c = TestPods.parse("{'name':'main','image':'busybox','ports':[{'containerPort':80,'hostPort':8080},{'containerPort':53,'protocol':'UDP'}]}");
        ObjectNode pod = TestPods.pod("web", "Always", c);
        ((ObjectNode) pod.get("spec")).put("hostNetwork", true).put("hostname", "front");
        PodSandboxConfig sb = CriConfigs.sandbox(pod, new ResolvConf(List.of("10.96.0.10"), List.of("default.svc.cluster.local"), List.of("ndots:5")), Path.of("/logs"));
        assertThat(sb.getHostname()).isEqualTo("front");
        assertThat(sb.getDnsConfig().getServersList()).containsExactly("10.96.0.10");
        assertThat(sb.getPortMappingsList()).singleElement().satisfies(p -> assertThat(p.getHostPort()).isEqualTo(8080));
        assertThat(sb.getLinux().getSecurityContext().getNamespaceOptions().getNetwork()).isEqualTo(NamespaceMode.NODE);
        assertThat(sb.getLogDirectory()).isEqualTo("/logs");
        assertThat(sb.getLabelsMap()).containsEntry("app", "web").containsEntry(CriConfigs.MANAGED, "true");
    }

    @Test
    void thePodNetworkHasNoDefaultRouteAndNoMasquerade() {
        String conf = ContainerdConfig.cniConflist("node-1", "10.42.3.0/24", "10.42.0.0/16", "10.96.0.0/12", Path.of("/ipam"));
        assertThat(conf).contains("\"subnet\":\"10.42.3.0/24\"").contains("\"ipMasq\":false").contains("\"isDefaultGateway\":false")
                .contains("{\"dst\":\"10.42.0.0/16\"}").contains("{\"dst\":\"10.96.0.0/12\"}").doesNotContain("0.0.0.0/0");
        assertThat(ContainerdConfig.bridgeName("a-very-long-node-name-indeed")).hasSizeLessThanOrEqualTo(15);
    }
}
