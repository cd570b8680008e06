package dev.podium.http.ingress;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.network.IngressClasses;
import dev.podium.model.network.IngressRouting;
import dev.podium.persistence.watch.CachedObject;
import dev.podium.persistence.watch.WatchCache;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The routing of the Ingresses Podium's controller owns, as the member's cache holds them: the
 * cache marks it stale when an Ingress or IngressClass changes, and the next request rebuilds it,
 * so a request never sees routing older than the cache.
 */
final class IngressTable {
    static final String INGRESS = "Ingress.networking.k8s.io";
    static final String INGRESS_CLASS = "IngressClass.networking.k8s.io";
    private final WatchCache cache;
    private final AtomicBoolean stale = new AtomicBoolean(true);
    private volatile IngressRouting routing = IngressRouting.of(List.of());

    IngressTable(WatchCache cache) {
        this.cache = cache;
        cache.onApplied(INGRESS, e -> stale.set(true));
        cache.onApplied(INGRESS_CLASS, e -> stale.set(true));
    }

    IngressRouting routing() {
        if (stale.getAndSet(false)) routing = build();
        return routing;
    }

    private IngressRouting build() {
        List<ObjectNode> classes = objects(INGRESS_CLASS);
        List<ObjectNode> ingresses = objects(INGRESS).stream().filter(i -> !i.path("metadata").has("deletionTimestamp")).toList();
        return IngressRouting.of(new IngressClasses(IngressClasses.PODIUM_CONTROLLER, classes).owned(ingresses));
    }

    private List<ObjectNode> objects(String kind) {
        return cache.list(kind, null, o -> true, 0, null).items().stream().map(CachedObject::object).toList();
    }
}
