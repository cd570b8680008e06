package dev.podium.runtime.cri;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;
import dev.podium.runtime.cri.v1.Capability;
import dev.podium.runtime.cri.v1.ContainerConfig;
import dev.podium.runtime.cri.v1.ContainerMetadata;
import dev.podium.runtime.cri.v1.DNSConfig;
import dev.podium.runtime.cri.v1.ImageSpec;
import dev.podium.runtime.cri.v1.Int64Value;
import dev.podium.runtime.cri.v1.KeyValue;
import dev.podium.runtime.cri.v1.LinuxContainerConfig;
import dev.podium.runtime.cri.v1.LinuxContainerResources;
import dev.podium.runtime.cri.v1.LinuxContainerSecurityContext;
import dev.podium.runtime.cri.v1.LinuxPodSandboxConfig;
import dev.podium.runtime.cri.v1.LinuxSandboxSecurityContext;
import dev.podium.runtime.cri.v1.Mount;
import dev.podium.runtime.cri.v1.NamespaceMode;
import dev.podium.runtime.cri.v1.NamespaceOption;
import dev.podium.runtime.cri.v1.PodSandboxConfig;
import dev.podium.runtime.cri.v1.PodSandboxMetadata;
import dev.podium.runtime.cri.v1.PortMapping;
import dev.podium.runtime.cri.v1.Protocol;
import dev.podium.runtime.network.ResolvConf;
import io.fabric8.kubernetes.api.model.Quantity;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The CRI configurations of a pod's sandbox and of its containers, as the kubelet derives them from the Pod. Pure. */
public final class CriConfigs {
    public static final String POD_UID = "io.kubernetes.pod.uid";
    public static final String POD_NAME = "io.kubernetes.pod.name";
    public static final String POD_NAMESPACE = "io.kubernetes.pod.namespace";
    public static final String CONTAINER_NAME = "io.kubernetes.container.name";
    /** Marks what Podium created, so that it re-adopts only its own sandboxes. */
    public static final String MANAGED = "podium.dev/managed";
    private static final long CPU_PERIOD = 100_000;

    private CriConfigs() {}

    /** A mount of a volume into a container: the prepared directory on the host (subPath applied). */
    public record VolumeMount(String containerPath, Path hostPath, boolean readOnly) {}

    public static PodSandboxConfig sandbox(ObjectNode pod, ResolvConf dns, Path logDirectory) {
        JsonNode meta = pod.path("metadata");
        JsonNode spec = pod.path("spec");
        PodSandboxConfig.Builder b = PodSandboxConfig.newBuilder()
                .setMetadata(PodSandboxMetadata.newBuilder().setName(meta.path("name").asText())
                        .setNamespace(meta.path("namespace").asText()).setUid(meta.path("uid").asText()).setAttempt(0))
                .setHostname(hostname(pod))
                .setLogDirectory(logDirectory.toString())
                .setDnsConfig(DNSConfig.newBuilder().addAllServers(dns.nameservers()).addAllSearches(dns.searches()).addAllOptions(dns.options()))
                .putLabels(POD_UID, meta.path("uid").asText())
                .putLabels(POD_NAME, meta.path("name").asText())
                .putLabels(POD_NAMESPACE, meta.path("namespace").asText())
                .putLabels(MANAGED, "true");
        meta.path("labels").fields().forEachRemaining(e -> b.putLabels(e.getKey(), e.getValue().asText()));
        meta.path("annotations").fields().forEachRemaining(e -> b.putAnnotations(e.getKey(), e.getValue().asText()));
        for (JsonNode c : spec.path("containers")) {
            for (JsonNode p : c.path("ports")) {
                if (p.path("hostPort").asInt(0) <= 0) continue;
                b.addPortMappings(PortMapping.newBuilder().setContainerPort(p.path("containerPort").asInt())
                        .setHostPort(p.path("hostPort").asInt()).setHostIp(p.path("hostIP").asText(""))
                        .setProtocol(protocol(p.path("protocol").asText("TCP"))));
            }
        }
        boolean hostNetwork = spec.path("hostNetwork").asBoolean(false);
        NamespaceOption.Builder ns = NamespaceOption.newBuilder()
                .setNetwork(hostNetwork ? NamespaceMode.NODE : NamespaceMode.POD)
                .setPid(spec.path("hostPID").asBoolean(false) ? NamespaceMode.NODE
                        : spec.path("shareProcessNamespace").asBoolean(false) ? NamespaceMode.POD : NamespaceMode.CONTAINER)
                .setIpc(spec.path("hostIPC").asBoolean(false) ? NamespaceMode.NODE : NamespaceMode.POD);
        LinuxSandboxSecurityContext.Builder sc = LinuxSandboxSecurityContext.newBuilder().setNamespaceOptions(ns);
        JsonNode psc = spec.path("securityContext");
        if (psc.has("runAsUser")) sc.setRunAsUser(Int64Value.newBuilder().setValue(psc.get("runAsUser").asLong()));
        if (psc.has("runAsGroup")) sc.setRunAsGroup(Int64Value.newBuilder().setValue(psc.get("runAsGroup").asLong()));
        b.setLinux(LinuxPodSandboxConfig.newBuilder().setSecurityContext(sc));
        return b.build();
    }

    /**
     * A container's configuration. Command and args go to containerd as given ($(VAR) expanded): it applies
     * Kubernetes' rules over the image's ENTRYPOINT and CMD (command replaces ENTRYPOINT, args replace CMD).
     */
    public static ContainerConfig container(ObjectNode pod, JsonNode c, Map<String, String> env, List<VolumeMount> mounts, int attempt,
                                            java.util.function.UnaryOperator<String> expand) {
        String name = c.path("name").asText();
        ContainerConfig.Builder b = ContainerConfig.newBuilder()
                .setMetadata(ContainerMetadata.newBuilder().setName(name).setAttempt(attempt))
                .setImage(ImageSpec.newBuilder().setImage(ImageRef.parse(c.path("image").asText()).normalized()))
                .setWorkingDir(c.path("workingDir").asText(""))
                .setLogPath(name + "/" + attempt + ".log")
                .setStdin(c.path("stdin").asBoolean(false))
                .setStdinOnce(c.path("stdinOnce").asBoolean(false))
                .setTty(c.path("tty").asBoolean(false))
                .putLabels(CONTAINER_NAME, name)
                .putLabels(POD_UID, Json.textAt(pod, "metadata.uid"))
                .putLabels(POD_NAME, Json.textAt(pod, "metadata.name"))
                .putLabels(POD_NAMESPACE, Json.textAt(pod, "metadata.namespace"))
                .putLabels(MANAGED, "true")
                .putAnnotations("io.kubernetes.container.restartCount", Integer.toString(attempt));
        c.path("command").forEach(x -> b.addCommand(expand.apply(x.asText())));
        c.path("args").forEach(x -> b.addArgs(expand.apply(x.asText())));
        env.forEach((k, v) -> b.addEnvs(KeyValue.newBuilder().setKey(k).setValue(v)));
        for (VolumeMount m : mounts) {
            b.addMounts(Mount.newBuilder().setContainerPath(m.containerPath()).setHostPath(m.hostPath().toString()).setReadonly(m.readOnly()));
        }
        b.setLinux(LinuxContainerConfig.newBuilder().setResources(resources(c.path("resources"))).setSecurityContext(security(pod, c)));
        return b.build();
    }

    /** cpu requests → shares (1 CPU = 1024, at least 2), cpu limits → CFS quota per 100 ms, memory limits → bytes. */
    static LinuxContainerResources resources(JsonNode resources) {
        LinuxContainerResources.Builder r = LinuxContainerResources.newBuilder();
        BigDecimal cpuRequest = quantity(resources.path("requests").path("cpu"));
        BigDecimal cpuLimit = quantity(resources.path("limits").path("cpu"));
        if (cpuRequest == null) cpuRequest = cpuLimit;
        r.setCpuShares(cpuRequest == null ? 2 : Math.max(2, cpuRequest.multiply(BigDecimal.valueOf(1024)).longValue()));
        if (cpuLimit != null) {
            r.setCpuPeriod(CPU_PERIOD);
            r.setCpuQuota(Math.max(1000, cpuLimit.multiply(BigDecimal.valueOf(CPU_PERIOD)).longValue()));
        }
        BigDecimal memory = quantity(resources.path("limits").path("memory"));
        if (memory != null) r.setMemoryLimitInBytes(memory.longValue());
        return r.build();
    }

    static LinuxContainerSecurityContext security(ObjectNode pod, JsonNode c) {
        JsonNode podSc = pod.path("spec").path("securityContext");
        JsonNode sc = c.path("securityContext");
        LinuxContainerSecurityContext.Builder s = LinuxContainerSecurityContext.newBuilder();
        JsonNode user = sc.has("runAsUser") ? sc.get("runAsUser") : podSc.get("runAsUser");
        JsonNode group = sc.has("runAsGroup") ? sc.get("runAsGroup") : podSc.get("runAsGroup");
        if (user != null && user.canConvertToLong()) s.setRunAsUser(Int64Value.newBuilder().setValue(user.asLong()));
        if (group != null && group.canConvertToLong()) s.setRunAsGroup(Int64Value.newBuilder().setValue(group.asLong()));
        podSc.path("supplementalGroups").forEach(g -> s.addSupplementalGroups(g.asLong()));
        s.setPrivileged(sc.path("privileged").asBoolean(false));
        s.setReadonlyRootfs(sc.path("readOnlyRootFilesystem").asBoolean(false));
        s.setNoNewPrivs(!sc.path("allowPrivilegeEscalation").asBoolean(true));
        Capability.Builder caps = Capability.newBuilder();
        sc.path("capabilities").path("add").forEach(x -> caps.addAddCapabilities(x.asText()));
        sc.path("capabilities").path("drop").forEach(x -> caps.addDropCapabilities(x.asText()));
        s.setCapabilities(caps);
        JsonNode spec = pod.path("spec");
        s.setNamespaceOptions(NamespaceOption.newBuilder()
                .setNetwork(spec.path("hostNetwork").asBoolean(false) ? NamespaceMode.NODE : NamespaceMode.POD)
                .setPid(spec.path("hostPID").asBoolean(false) ? NamespaceMode.NODE
                        : spec.path("shareProcessNamespace").asBoolean(false) ? NamespaceMode.POD : NamespaceMode.CONTAINER)
                .setIpc(spec.path("hostIPC").asBoolean(false) ? NamespaceMode.NODE : NamespaceMode.POD));
        return s.build();
    }

    /** spec.hostname, else the pod name, at most 63 characters. */
    static String hostname(ObjectNode pod) {
        String h = pod.path("spec").path("hostname").asText("");
        if (h.isEmpty()) h = pod.path("metadata").path("name").asText();
        return h.length() > 63 ? h.substring(0, 63) : h;
    }

    private static Protocol protocol(String p) {
        return switch (p) {
            case "UDP" -> Protocol.UDP;
            case "SCTP" -> Protocol.SCTP;
            default -> Protocol.TCP;
        };
    }

    private static BigDecimal quantity(JsonNode q) {
        if (q == null || q.isMissingNode() || q.isNull() || q.asText().isBlank()) return null;
        try {
            return Quantity.getAmountInBytes(new Quantity(q.asText()));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
