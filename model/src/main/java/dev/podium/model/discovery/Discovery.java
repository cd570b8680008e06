package dev.podium.model.discovery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.kinds.KindRegistry;

import dev.podium.model.kinds.ResourceKind;

import java.util.List;
import java.util.Optional;

/** The discovery documents for a set of served kinds. */
public final class Discovery {
    /** The built-in kinds of {@link KindRegistry}. */
    public static final Discovery BUILT_IN = new Discovery(KindRegistry.all());

    /** Content type of the aggregated documents; send it back when the client accepted it. */
    public static final String AGGREGATED_CONTENT_TYPE = AggregatedDiscovery.CONTENT_TYPE;

    private final LegacyDiscovery legacy;
    private final AggregatedDiscovery aggregated;

    public Discovery(List<ResourceKind> kinds) {
        this.legacy = new LegacyDiscovery(kinds);
        this.aggregated = new AggregatedDiscovery(kinds);
    }

    /** GET /api (APIVersions). */
    public ObjectNode apiVersions(String serverAddress) {
        return legacy.apiVersions(serverAddress);
    }

    /** GET /apis (APIGroupList). */
    public ObjectNode apiGroupList() {
        return legacy.apiGroupList();
    }

    /** GET /apis/{group} (APIGroup); empty means 404. */
    public Optional<ObjectNode> apiGroup(String group) {
        return legacy.apiGroup(group);
    }

    /** GET /api/v1 with {@code "v1"} or /apis/{g}/{v} with {@code "g/v"} (APIResourceList); empty means 404. */
    public Optional<ObjectNode> resourceList(String groupVersion) {
        return legacy.resourceList(groupVersion);
    }

    /** GET /api as apidiscovery.k8s.io/v2 APIGroupDiscoveryList. */
    public ObjectNode aggregatedLegacy() {
        return aggregated.legacy();
    }

    /** GET /apis as apidiscovery.k8s.io/v2 APIGroupDiscoveryList. */
    public ObjectNode aggregatedGroups() {
        return aggregated.groups();
    }

    /** GET /version. */
    public static ObjectNode version() {
        return ServerVersion.json();
    }
}
