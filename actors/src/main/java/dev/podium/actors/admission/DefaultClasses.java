package dev.podium.actors.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.persistence.watch.CachedObject;
import dev.podium.persistence.watch.WatchCache;

import java.util.Comparator;
import java.util.Optional;

/** The class annotated as the default among the objects of a kind (StorageClass, IngressClass): the newest when several are. */
final class DefaultClasses {
    private DefaultClasses() {}

    static Optional<String> newest(WatchCache cache, String kind, String annotation) {
        return cache.list(kind, null, c -> "true".equals(c.path("metadata").path("annotations").path(annotation).asText()), 0, null)
                .items().stream().map(CachedObject::object)
                .max(Comparator.comparing((ObjectNode c) -> c.path("metadata").path("creationTimestamp").asText())
                        .thenComparing(c -> c.path("metadata").path("name").asText(), Comparator.reverseOrder()))
                .map(c -> c.path("metadata").path("name").asText());
    }
}
