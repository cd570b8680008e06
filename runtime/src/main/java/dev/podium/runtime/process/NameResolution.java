package dev.podium.runtime.process;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.runtime.RuntimeSettings;
import dev.podium.runtime.network.PodHostsFile;
import dev.podium.runtime.network.PodResolvConf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A pod's /etc/resolv.conf (from its dnsPolicy and dnsConfig) and /etc/hosts (its hostname,
 * subdomain and hostAliases), written into the pod's directory and bind-mounted read-only over
 * the host's files in each isolated container's mount namespace, as the kubelet mounts them.
 * Without a cluster DNS reachable from this host, ClusterFirst pods get the host's resolver.
 */
final class NameResolution {
    private static final Path HOST_RESOLV_CONF = Path.of("/etc/resolv.conf");

    private NameResolution() {}

    static List<Isolation.Mount> files(JsonNode pod, Path podDir, String podIP, RuntimeSettings.ClusterDns dns) {
        try {
            String host = Files.isReadable(HOST_RESOLV_CONF) ? Files.readString(HOST_RESOLV_CONF) : "";
            String domain = dns == null ? "cluster.local" : dns.domain();
            Path resolv = write(podDir.resolve("resolv.conf"), PodResolvConf.render(pod, dns == null ? null : dns.ip(), domain, host));
            Path hosts = write(podDir.resolve("hosts"), PodHostsFile.render(pod, podIP, domain));
            return List.of(new Isolation.Mount(resolv, "/etc/resolv.conf", true), new Isolation.Mount(hosts, "/etc/hosts", true));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path write(Path file, String content) throws IOException {
        Files.writeString(file, content);
        return file;
    }
}
