package dev.podium.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.ApiError;
import dev.podium.model.api.ApiException;
import dev.podium.model.crd.CustomResourceRules;
import dev.podium.model.json.FieldDecoding;
import dev.podium.model.kinds.ResourceKind;
import org.apache.pekko.http.javadsl.model.HttpMethods;

import java.util.List;

/**
 * The {@code fieldValidation} query parameter: Strict rejects undeclared fields with 400,
 * Warn (the default) drops them and answers with Warning headers, Ignore drops them silently.
 */
final class FieldValidation {
    private FieldValidation() {}

    /** Checks and prunes {@code body} in place; returns the warnings to send. */
    static List<String> apply(ApiRequest req, ResourceKind kind, JsonNode body) {
        String mode = req.param("fieldValidation");
        if (mode == null || mode.isEmpty()) mode = "Warn";
        if (!List.of("Strict", "Warn", "Ignore").contains(mode)) {
            throw new ApiException(ApiError.badRequest("fieldValidation must be one of Strict, Warn or Ignore, not \"" + mode + "\""));
        }
        if (!(body instanceof ObjectNode obj)) return List.of();
        if (kind.isCustom() && kind.rules() instanceof CustomResourceRules schema) return custom(req, mode, schema, obj);
        List<List<Object>> unknown = FieldDecoding.unknownFields(kind, obj).stream()
                .filter(p -> !(p.get(p.size() - 1) instanceof String s && s.startsWith("$")))
                .toList();
        if (unknown.isEmpty()) return List.of();
        List<String> messages = unknown.stream().map(FieldDecoding::describe).toList();
        if (mode.equals("Strict")) throw strictDecodingError(req, kind, messages);
        FieldDecoding.prune(obj, unknown);
        return mode.equals("Warn") ? messages : List.of();
    }

    /** A custom resource's unknown fields are those its schema prunes; the entity prunes them whatever the mode. */
    private static List<String> custom(ApiRequest req, String mode, CustomResourceRules schema, ObjectNode obj) {
        List<String> messages = schema.unknownFields(obj).stream().map(f -> "unknown field \"" + f + "\"").toList();
        if (messages.isEmpty()) return List.of();
        if (mode.equals("Strict")) throw strictDecodingError(req, req.kind(), messages);
        return mode.equals("Warn") ? messages : List.of();
    }

    /** A create or update body is refused as its decoding was (kube's transformDecodeError); a patch keeps the bare error. */
    private static ApiException strictDecodingError(ApiRequest req, ResourceKind kind, List<String> messages) {
        String error = "strict decoding error: " + String.join(", ", messages);
        boolean wholeObject = req.http().method().equals(HttpMethods.POST) || req.http().method().equals(HttpMethods.PUT);
        return new ApiException(ApiError.badRequest(wholeObject ? FieldDecoding.cannotBeHandled(kind, error) : error));
    }

    static String headerValue(String message) {
        return "299 - \"" + message.replace("\"", "\\\"") + "\"";
    }

}
