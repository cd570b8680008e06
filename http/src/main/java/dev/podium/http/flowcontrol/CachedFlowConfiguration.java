package dev.podium.http.flowcontrol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.persistence.watch.CachedObject;
import dev.podium.persistence.watch.WatchCache;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** The FlowSchemas and PriorityLevelConfigurations of the member's cache, with a version that moves whenever one changes. */
public final class CachedFlowConfiguration implements FlowController.Source {
    public static final String FLOW_SCHEMA = "FlowSchema.flowcontrol.apiserver.k8s.io";
    public static final String PRIORITY_LEVEL = "PriorityLevelConfiguration.flowcontrol.apiserver.k8s.io";
    private final WatchCache cache;
    private final AtomicLong version = new AtomicLong();

    public CachedFlowConfiguration(WatchCache cache) {
        this.cache = cache;
        cache.onApplied(FLOW_SCHEMA, e -> version.incrementAndGet());
        cache.onApplied(PRIORITY_LEVEL, e -> version.incrementAndGet());
    }

    @Override
    public long version() {
        return version.get();
    }

    @Override
    public List<ObjectNode> flowSchemas() {
        return objects(FLOW_SCHEMA);
    }

    @Override
    public List<ObjectNode> priorityLevels() {
        return objects(PRIORITY_LEVEL);
    }

    private List<ObjectNode> objects(String kind) {
        return cache.list(kind, null, o -> true, 0, null).items().stream().map(CachedObject::object).toList();
    }
}
