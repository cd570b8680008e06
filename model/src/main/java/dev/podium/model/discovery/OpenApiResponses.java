package dev.podium.model.discovery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.util.List;

/** Operation responses without schemas; the same shape is valid in Swagger 2.0 and OpenAPI 3. */
final class OpenApiResponses {
    private OpenApiResponses() {}

    static ObjectNode of(List<Integer> codes) {
        ObjectNode responses = Json.object();
        for (int code : codes) responses.putObject(Integer.toString(code)).put("description", text(code));
        return responses;
    }

    private static String text(int code) {
        return switch (code) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 401 -> "Unauthorized";
            default -> Integer.toString(code);
        };
    }
}
