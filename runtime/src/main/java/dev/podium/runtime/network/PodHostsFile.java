package dev.podium.runtime.network;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** A pod's /etc/hosts as the kubelet writes it for a pod with a network of its own. */
public final class PodHostsFile {
    static final int MAX_HOSTNAME_LENGTH = 63;

    private PodHostsFile() {}

    public static String render(JsonNode pod, String podIp, String clusterDomain) {
        return render(pod, List.of(podIp), clusterDomain);
    }

    /**
     * The kubelet's managed hosts file: the header, localhost and the IPv6 boilerplate, a line per
     * pod IP naming the pod's hostname (fully qualified first when it has a subdomain), then the
     * pod's hostAliases, one line per IP.
     */
    public static String render(JsonNode pod, List<String> podIps, String clusterDomain) {
        StringBuilder out = new StringBuilder();
        out.append("# Kubernetes-managed hosts file.\n");
        out.append("127.0.0.1\tlocalhost\n");
        out.append("::1\tlocalhost ip6-localhost ip6-loopback\n");
        out.append("fe00::0\tip6-localnet\n");
        out.append("fe00::0\tip6-mcastprefix\n");
        out.append("fe00::1\tip6-allnodes\n");
        out.append("fe00::2\tip6-allrouters\n");
        String hostname = hostname(pod);
        String subdomain = pod.path("spec").path("subdomain").asText("");
        String namespace = pod.path("metadata").path("namespace").asText("default");
        boolean qualified = !subdomain.isEmpty() && clusterDomain != null && !clusterDomain.isEmpty();
        for (String ip : podIps) {
            if (qualified) {
                out.append(ip).append('\t').append(hostname).append('.').append(subdomain).append('.').append(namespace)
                        .append(".svc.").append(clusterDomain).append('\t').append(hostname).append('\n');
            } else {
                out.append(ip).append('\t').append(hostname).append('\n');
            }
        }
        JsonNode aliases = pod.path("spec").path("hostAliases");
        if (!aliases.isEmpty()) {
            out.append("\n# Entries added by HostAliases.\n");
            for (JsonNode alias : aliases) {
                List<String> names = new ArrayList<>();
                alias.path("hostnames").forEach(n -> names.add(n.asText()));
                out.append(alias.path("ip").asText()).append('\t').append(String.join("\t", names)).append('\n');
            }
        }
        return out.toString();
    }

    /** spec.hostname, else the pod's name; cut to 63 characters without a trailing '-' or '.', as the kubelet does. */
    static String hostname(JsonNode pod) {
        String hostname = pod.path("spec").path("hostname").asText("");
        if (hostname.isEmpty()) hostname = pod.path("metadata").path("name").asText();
        if (hostname.length() <= MAX_HOSTNAME_LENGTH) return hostname;
        return hostname.substring(0, MAX_HOSTNAME_LENGTH).replaceAll("[-.]+$", "");
    }
}
