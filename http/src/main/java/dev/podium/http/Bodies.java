package dev.podium.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.ApiError;
import dev.podium.model.api.ApiException;
import dev.podium.model.json.Json;
import dev.podium.model.json.ProtobufBodies;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Decoding request bodies: JSON or YAML by Content-Type, anything else is 415. */
final class Bodies {
    private Bodies() {}

    static ObjectNode object(ApiRequest req) {
        String ct = req.http().entity().getContentType().mediaType().toString();
        if (ct.equals(ProtobufBodies.MEDIA_TYPE)) {
            String sub = req.path().subresource();
            if ("eviction".equals(sub)) return ProtobufBodies.decode(req.body(), "policy", "Eviction");
            if ("binding".equals(sub)) return ProtobufBodies.decode(req.body(), "", "Binding");
            if ("token".equals(sub)) return ProtobufBodies.decode(req.body(), "authentication.k8s.io", "TokenRequest");
            return ProtobufBodies.decode(req.body(), req.kind());
        }
        boolean yaml = ct.equals("application/yaml") || ct.equals("application/x-yaml") || ct.equals("text/yaml");
        if (!yaml && !ct.equals("application/json") && !ct.equals("application/octet-stream") && !ct.equals("text/plain")) {
            throw new ApiException(ApiError.unsupportedMediaType(ct));
        }
        if (!yaml) {
            Json.syntaxError(req.body()).ifPresent(e -> {
                throw new ApiException(ApiError.badRequest("the object provided is unrecognized (must be of type " + kindName(req)
                        + "): couldn't get version/kind; json parse error: " + e + " (" + summary(req.body()) + ")"));
            });
        }
        if (req.body().length == 0) throw new ApiException(ApiError.badRequest("the request body is empty: send the object as JSON or YAML"));
        return Json.parseObject(req.body(), yaml);
    }

    /** The kind the body was meant to be, for kube's wording of an undecodable body. */
    private static String kindName(ApiRequest req) {
        String sub = req.path().subresource();
        if ("eviction".equals(sub)) return "Eviction";
        if ("binding".equals(sub)) return "Binding";
        if ("scale".equals(sub)) return "Scale";
        if ("token".equals(sub)) return "TokenRequest";
        return req.kind().kind();
    }

    /** kube-apiserver's summarizeData: an object's first 30 bytes as text, anything else's in hex. */
    static String summary(byte[] body) {
        if (body.length == 0) return "<empty>";
        int n = Math.min(body.length, 30);
        String shown = body[0] == '{' ? new String(body, 0, n, StandardCharsets.UTF_8) : HexFormat.of().formatHex(body, 0, n);
        return body.length > 30 ? shown + " ..." : shown;
    }
}
