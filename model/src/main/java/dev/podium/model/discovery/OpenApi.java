package dev.podium.model.discovery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.kinds.KindRegistry;

import java.util.Optional;

/** The OpenAPI documents for the kinds in {@link KindRegistry}. */
public final class OpenApi {
    private static final OpenApiV3 V3 = new OpenApiV3(KindRegistry.all());
    private static final OpenApiV2 V2 = new OpenApiV2(KindRegistry.all());

    private OpenApi() {}

    /** GET /openapi/v3. */
    public static ObjectNode v3Root() {
        return V3.root();
    }

    /** GET /openapi/v3/api/v1 and /openapi/v3/apis/{g}/{v}; takes "api/v1", "apis/g/v", "v1" or "g/v"; empty means 404. */
    public static Optional<ObjectNode> v3GroupVersion(String gv) {
        return V3.groupVersion(gv);
    }

    /** Whether /openapi/v3/{gv} is served (cheap: no document is built). */
    public static boolean servesV3(String gv) {
        return V3.serves(gv);
    }

    /** GET /openapi/v2 (JSON; a request for the protobuf form can be answered 406). */
    public static ObjectNode v2() {
        return V2.document();
    }
}
