package dev.podium.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.ApiError;
import dev.podium.model.api.ApiException;
import dev.podium.model.json.Json;
import dev.podium.model.json.ProtobufBodies;

/** Decoding request bodies: JSON or YAML by Content-Type, anything else is 415. */
final class Bodies {
    private Bodies() {}

    static ObjectNode object(ApiRequest req) {
        String ct = req.http().entity().getContentType().mediaType().toString();
        if (ct.equals(ProtobufBodies.MEDIA_TYPE)) {
            String sub = req.path().subresource();
            if ("eviction".equals(sub)) return ProtobufBodies.decode(req.body(), "policy", "Eviction");
            if ("binding".equals(sub)) return ProtobufBodies.decode(req.body(), "", "Binding");
            return ProtobufBodies.decode(req.body(), req.kind());
        }
        boolean yaml = ct.equals("application/yaml") || ct.equals("application/x-yaml") || ct.equals("text/yaml");
        if (!yaml && !ct.equals("application/json") && !ct.equals("application/octet-stream") && !ct.equals("text/plain")) {
            throw new ApiException(ApiError.unsupportedMediaType(ct));
        }
        if (req.body().length == 0) throw new ApiException(ApiError.badRequest("the request body is empty: send the object as JSON or YAML"));
        return Json.parseObject(req.body(), yaml);
    }
}
