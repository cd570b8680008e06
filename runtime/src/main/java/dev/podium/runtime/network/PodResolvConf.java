package dev.podium.runtime.network;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** A pod's /etc/resolv.conf as the kubelet composes it from the pod's dnsPolicy and dnsConfig. */
public final class PodResolvConf {
    /** Resolvers read at most 3 nameservers; the kubelet drops the rest. */
    public static final int MAX_NAMESERVERS = 3;
    /** kube's MaxDNSSearchPathsExpanded and MaxDNSSearchListCharsExpanded. */
    public static final int MAX_SEARCH_DOMAINS = 32;
    public static final int MAX_SEARCH_CHARS = 2048;
    /** Longer search domains make some glibc versions abort, so the kubelet drops them. */
    static final int MAX_SEARCH_DOMAIN_LENGTH = 253;
    static final String CLUSTER_NDOTS = "ndots:5";

    private PodResolvConf() {}

    public static String render(JsonNode pod, String clusterDnsIp, String clusterDomain, String hostResolvConfText) {
        return compose(pod, clusterDnsIp, clusterDomain, ResolvConf.parse(hostResolvConfText)).render();
    }

    /**
     * ClusterFirst (the default; a host-network pod's falls back to Default) and
     * ClusterFirstWithHostNet: the cluster DNS, searching the pod's namespace, {@code svc} and the
     * domain before the host's domains, with ndots:5. Default: the host's resolv.conf. None:
     * nothing but dnsConfig. A cluster policy without a cluster DNS IP gets the host's, as the
     * kubelet does. dnsConfig then adds to every policy, and the kubelet's limits apply.
     */
    public static ResolvConf compose(JsonNode pod, String clusterDnsIp, String clusterDomain, ResolvConf host) {
        JsonNode spec = pod.path("spec");
        String policy = spec.path("dnsPolicy").asText("ClusterFirst");
        boolean hostNetwork = spec.path("hostNetwork").asBoolean(false);
        boolean cluster = policy.equals("ClusterFirstWithHostNet") || (policy.equals("ClusterFirst") && !hostNetwork);
        boolean hasClusterDns = clusterDnsIp != null && !clusterDnsIp.isBlank();
        ResolvConf base;
        if (policy.equals("None")) base = ResolvConf.EMPTY;
        else if (cluster && hasClusterDns) base = new ResolvConf(List.of(clusterDnsIp), clusterSearches(pod, clusterDomain, host), List.of(CLUSTER_NDOTS));
        else base = host;
        return withinLimits(withDnsConfig(base, spec.path("dnsConfig")));
    }

    private static List<String> clusterSearches(JsonNode pod, String clusterDomain, ResolvConf host) {
        if (clusterDomain == null || clusterDomain.isEmpty()) return host.searches();
        String namespace = pod.path("metadata").path("namespace").asText("default");
        List<String> searches = new ArrayList<>(List.of(namespace + ".svc." + clusterDomain, "svc." + clusterDomain, clusterDomain));
        searches.addAll(host.searches());
        return distinct(searches);
    }

    private static ResolvConf withDnsConfig(ResolvConf base, JsonNode dnsConfig) {
        List<String> nameservers = new ArrayList<>(base.nameservers());
        dnsConfig.path("nameservers").forEach(n -> nameservers.add(n.asText()));
        List<String> searches = new ArrayList<>(base.searches());
        dnsConfig.path("searches").forEach(s -> searches.add(s.asText()));
        List<String> options = new ArrayList<>();
        for (JsonNode o : dnsConfig.path("options")) {
            String name = o.path("name").asText("");
            String value = o.path("value").asText("");
            options.add(value.isEmpty() ? name : name + ":" + value);
        }
        return new ResolvConf(distinct(nameservers), distinct(searches), ResolvConf.mergeOptions(base.options(), options));
    }

    /** At most 3 nameservers; at most 32 search domains, none over 253 characters, and from the end while the line is over 2048. */
    private static ResolvConf withinLimits(ResolvConf config) {
        List<String> nameservers = config.nameservers().subList(0, Math.min(MAX_NAMESERVERS, config.nameservers().size()));
        List<String> searches = new ArrayList<>(config.searches().subList(0, Math.min(MAX_SEARCH_DOMAINS, config.searches().size())));
        searches.removeIf(s -> s.length() > MAX_SEARCH_DOMAIN_LENGTH);
        while (!searches.isEmpty() && String.join(" ", searches).length() > MAX_SEARCH_CHARS) searches.remove(searches.size() - 1);
        return new ResolvConf(nameservers, searches, config.options());
    }

    private static List<String> distinct(List<String> values) {
        return new ArrayList<>(new LinkedHashSet<>(values));
    }
}
