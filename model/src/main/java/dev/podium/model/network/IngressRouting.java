package dev.podium.model.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.validation.Nodes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The routing table of the Ingresses one controller owns, built once and then only read. A request
 * goes to the paths of its exact host, else of the wildcard host covering it, then of the rules
 * without a host, then to the oldest Ingress' default backend. Where Ingresses claim the same path
 * the oldest wins. Resource backends are not routed to.
 */
public final class IngressRouting {
    private final Map<String, PathTable> exactHosts = new HashMap<>();
    // Keyed by what follows "*.": "*.foo.com" is under "foo.com".
    private final Map<String, PathTable> wildcardHosts = new HashMap<>();
    private final PathTable anyHost = new PathTable();
    private final Optional<IngressBackend> defaultBackend;
    private final List<TlsHosts> tls = new ArrayList<>();
    private final List<IngressBackend> backends;

    private record TlsHosts(Set<String> hosts, TlsSecret secret) {}

    private IngressRouting(List<ObjectNode> oldestFirst) {
        Set<IngressBackend> all = new LinkedHashSet<>();
        IngressBackend firstDefault = null;
        for (ObjectNode ingress : oldestFirst) {
            JsonNode spec = ingress.get("spec");
            for (ObjectNode rule : Nodes.objects(spec, "rules")) {
                PathTable table = tableFor(Nodes.str(rule, "host").toLowerCase(Locale.ROOT));
                for (ObjectNode path : Nodes.objects(rule.get("http"), "paths")) {
                    Optional<IngressBackend> backend = backend(ingress, path.get("backend"));
                    if (backend.isEmpty()) continue;
                    table.add(Nodes.str(path, "pathType"), Nodes.str(path, "path"), backend.get());
                    all.add(backend.get());
                }
            }
            Optional<IngressBackend> fallback = backend(ingress, spec == null ? null : spec.get("defaultBackend"));
            if (firstDefault == null && fallback.isPresent()) {
                firstDefault = fallback.get();
                all.add(firstDefault);
            }
            for (ObjectNode entry : Nodes.objects(spec, "tls")) {
                String secretName = Nodes.str(entry, "secretName");
                if (secretName.isEmpty()) continue;
                Set<String> hosts = new LinkedHashSet<>();
                for (String host : Nodes.strings(entry, "hosts")) hosts.add(host.toLowerCase(Locale.ROOT));
                tls.add(new TlsHosts(hosts, new TlsSecret(namespace(ingress), secretName)));
            }
        }
        this.defaultBackend = Optional.ofNullable(firstDefault);
        this.backends = List.copyOf(all);
    }

    /** The routing of these Ingresses, which must be the ones the controller owns (see {@link IngressClasses}). */
    public static IngressRouting of(Collection<ObjectNode> ownedIngresses) {
        List<ObjectNode> oldestFirst = new ArrayList<>(ownedIngresses);
        oldestFirst.sort(ObjectAge.OLDEST_FIRST);
        return new IngressRouting(oldestFirst);
    }

    /** The backend for a request, from its Host header (a port is ignored) and URL path; empty means 404. */
    public Optional<IngressBackend> route(String hostHeader, String path) {
        String host = Hosts.withoutPort(hostHeader);
        String requestPath = withoutQuery(path);
        PathTable table = exactHosts.get(host);
        if (table == null) table = wildcardHosts.get(Hosts.parent(host));
        Optional<IngressBackend> hit = table == null ? Optional.empty() : table.match(requestPath);
        if (hit.isEmpty()) hit = anyHost.match(requestPath);
        return hit.or(() -> defaultBackend);
    }

    /** The certificate for a TLS server name: the oldest entry naming the host exactly, else the oldest wildcard one. */
    public Optional<TlsSecret> tlsSecret(String sniHost) {
        String host = sniHost == null ? "" : sniHost.toLowerCase(Locale.ROOT);
        Optional<TlsSecret> exact = tls.stream().filter(t -> t.hosts().contains(host)).map(TlsHosts::secret).findFirst();
        if (exact.isPresent() || Hosts.parent(host) == null) return exact;
        String wildcard = "*." + Hosts.parent(host);
        return tls.stream().filter(t -> t.hosts().contains(wildcard)).map(TlsHosts::secret).findFirst();
    }

    /** Every backend a path or the default backend routes to, each once, so the proxy knows which Services to follow. */
    public List<IngressBackend> backends() {
        return backends;
    }

    private PathTable tableFor(String host) {
        if (host.isEmpty()) return anyHost;
        if (host.startsWith("*.")) return wildcardHosts.computeIfAbsent(host.substring(2), h -> new PathTable());
        return exactHosts.computeIfAbsent(host, h -> new PathTable());
    }

    private static Optional<IngressBackend> backend(ObjectNode ingress, JsonNode backend) {
        ObjectNode service = Nodes.obj(backend, "service");
        if (service == null) return Optional.empty();
        JsonNode port = service.get("port");
        Long number = Nodes.integer(port, "number");
        int portNumber = number == null ? 0 : number.intValue();
        String portName = portNumber == 0 ? Nodes.str(port, "name") : "";
        return Optional.of(new IngressBackend(namespace(ingress), Nodes.str(ingress.get("metadata"), "name"),
                Nodes.str(service, "name"), portName, portNumber, Affinity.of(ingress)));
    }

    private static String namespace(ObjectNode ingress) {
        return Nodes.str(ingress.get("metadata"), "namespace");
    }

    private static String withoutQuery(String path) {
        String p = path == null ? "" : path;
        int query = p.indexOf('?');
        if (query >= 0) p = p.substring(0, query);
        return p.isEmpty() ? "/" : p;
    }
}
