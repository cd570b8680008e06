package dev.podium.model.discovery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.kinds.KindRegistry;

import java.util.Optional;

/** The discovery documents for the kinds in {@link KindRegistry}. */
public final class Discovery {
    /** Content type of the aggregated documents; send it back when the client accepted it. */
    public static final String AGGREGATED_CONTENT_TYPE = AggregatedDiscovery.CONTENT_TYPE;

    private static final LegacyDiscovery LEGACY = new LegacyDiscovery(KindRegistry.all());
    private static final AggregatedDiscovery AGGREGATED = new AggregatedDiscovery(KindRegistry.all());

    private Discovery() {}

    /** GET /api (APIVersions). */
    public static ObjectNode apiVersions(String serverAddress) {
        return LEGACY.apiVersions(serverAddress);
    }

    /** GET /apis (APIGroupList). */
    public static ObjectNode apiGroupList() {
        return LEGACY.apiGroupList();
    }

    /** GET /apis/{group} (APIGroup); empty means 404. */
    public static Optional<ObjectNode> apiGroup(String group) {
        return LEGACY.apiGroup(group);
    }

    /** GET /api/v1 with {@code "v1"} or /apis/{g}/{v} with {@code "g/v"} (APIResourceList); empty means 404. */
    public static Optional<ObjectNode> resourceList(String groupVersion) {
        return LEGACY.resourceList(groupVersion);
    }

    /** GET /api as apidiscovery.k8s.io/v2 APIGroupDiscoveryList. */
    public static ObjectNode aggregatedLegacy() {
        return AGGREGATED.legacy();
    }

    /** GET /apis as apidiscovery.k8s.io/v2 APIGroupDiscoveryList. */
    public static ObjectNode aggregatedGroups() {
        return AGGREGATED.groups();
    }

    /** GET /version. */
    public static ObjectNode version() {
        return ServerVersion.json();
    }
}
