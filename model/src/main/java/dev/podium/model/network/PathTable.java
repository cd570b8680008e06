package dev.podium.model.network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The paths of one host, merged across Ingresses added oldest first: an Exact path beats any
 * prefix, the prefix with most path elements beats shorter ones, and on a tie the path added
 * first (the oldest Ingress') wins.
 */
final class PathTable {
    private final Map<String, IngressBackend> exact = new LinkedHashMap<>();
    private final List<Prefix> prefixes = new ArrayList<>();

    private record Prefix(List<String> elements, IngressBackend backend) {}

    /** Adds a path; ImplementationSpecific paths match as prefixes. */
    void add(String pathType, String path, IngressBackend backend) {
        if (pathType.equals("Exact")) {
            exact.putIfAbsent(path, backend);
            return;
        }
        Prefix added = new Prefix(elements(path), backend);
        int at = 0;
        while (at < prefixes.size() && prefixes.get(at).elements().size() >= added.elements().size()) at++;
        prefixes.add(at, added);
    }

    Optional<IngressBackend> match(String path) {
        IngressBackend hit = exact.get(path);
        if (hit != null) return Optional.of(hit);
        List<String> requested = elements(path);
        for (Prefix p : prefixes) {
            if (requested.size() >= p.elements().size() && requested.subList(0, p.elements().size()).equals(p.elements())) {
                return Optional.of(p.backend());
            }
        }
        return Optional.empty();
    }

    /** The path split on '/', empty elements dropped: "/foo/" and "/foo" are both [foo], "/" is []. */
    private static List<String> elements(String path) {
        List<String> out = new ArrayList<>();
        for (String e : path.split("/")) if (!e.isEmpty()) out.add(e);
        return out;
    }
}
