package dev.podium.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.ApiError;
import dev.podium.model.api.ApiException;
import dev.podium.model.json.Json;

import java.util.Base64;

/** The opaque {@code continue} value of a paged list: where the last page ended. */
record ContinueToken(long resourceVersion, String lastKey) {

    String encode() {
        ObjectNode n = Json.object();
        n.put("rv", resourceVersion);
        n.put("start", lastKey);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.bytes(n));
    }

    static ContinueToken decode(String token) {
        try {
            ObjectNode n = Json.parseObject(Base64.getUrlDecoder().decode(token), false);
            return new ContinueToken(n.path("rv").asLong(), n.path("start").asText());
        } catch (RuntimeException e) {
            throw new ApiException(ApiError.badRequest("invalid continue token: it must be the value returned by a previous list"));
        }
    }

}
