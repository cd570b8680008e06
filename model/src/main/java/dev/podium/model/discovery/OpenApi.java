package dev.podium.model.discovery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;

import java.util.List;
import java.util.Optional;

/**
 * The OpenAPI documents: the built-in kinds' (built once, on first use) and, beside them, the
 * custom resources' group-versions (rebuilt whenever the served custom resources change).
 */
public final class OpenApi {
    public static final OpenApi BUILT_IN = new OpenApi(new OpenApiV3(KindRegistry.all()), null, new OpenApiV2(KindRegistry.all()));

    private final OpenApiV3 builtIn;
    private final OpenApiV3 custom;
    private final OpenApiV2 v2;

    private OpenApi(OpenApiV3 builtIn, OpenApiV3 custom, OpenApiV2 v2) {
        this.builtIn = builtIn;
        this.custom = custom;
        this.v2 = v2;
    }

    /** These documents plus the custom resources' kinds ({@code kinds}: every served version of each). */
    public OpenApi withCustom(List<ResourceKind> kinds) {
        if (kinds.isEmpty()) return BUILT_IN;
        List<ResourceKind> all = new java.util.ArrayList<>(KindRegistry.all());
        all.addAll(kinds);
        return new OpenApi(builtIn, new OpenApiV3(kinds), new OpenApiV2(all));
    }

    /** GET /openapi/v3. */
    public ObjectNode v3Root() {
        if (custom == null) return builtIn.root();
        ObjectNode root = builtIn.root().deepCopy();
        root.with("paths").setAll((ObjectNode) custom.root().get("paths"));
        return root;
    }

    /** GET /openapi/v3/api/v1 and /openapi/v3/apis/{g}/{v}; takes "api/v1", "apis/g/v", "v1" or "g/v"; empty means 404. */
    public Optional<ObjectNode> v3GroupVersion(String gv) {
        return custom != null && custom.serves(gv) ? custom.groupVersion(gv) : builtIn.groupVersion(gv);
    }

    /** Whether /openapi/v3/{gv} is served (cheap: no document is built). */
    public boolean servesV3(String gv) {
        return builtIn.serves(gv) || custom != null && custom.serves(gv);
    }

    /** GET /openapi/v2 (JSON; a request for the protobuf form can be answered 406): paths only, no definitions. */
    public ObjectNode v2() {
        return v2.document();
    }
}
