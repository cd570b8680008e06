package dev.podium.model.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.podium.model.api.ApiError;
import dev.podium.model.api.ApiException;

import java.util.Optional;

/** The JSON and YAML codecs used for API objects. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private Json() {}

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** Parses a request body as JSON, or YAML when {@code yaml} is set; malformed input is a 400. */
    public static JsonNode parse(byte[] body, boolean yaml) {
        if (!yaml) {
            syntaxError(body).ifPresent(e -> {
                throw new ApiException(ApiError.badRequest("the body of the request could not be decoded as JSON: " + e));
            });
        }
        try {
            JsonNode node = (yaml ? YAML : MAPPER).readTree(body);
            if (node == null || node.isMissingNode()) throw new ApiException(ApiError.badRequest("the request body is empty"));
            return node;
        } catch (JsonProcessingException e) {
            // past Go's syntax check only what Jackson alone refuses (invalid UTF-8, extreme nesting) lands here
            String msg = e.getOriginalMessage();
            throw new ApiException(ApiError.badRequest("the body of the request could not be decoded as " + (yaml ? "YAML" : "JSON") + ": " + msg));
        } catch (java.io.IOException e) {
            throw new ApiException(ApiError.badRequest("the request body could not be read: " + e.getMessage()));
        }
    }

    /** Go's encoding/json error for a text that is not JSON (what kube-apiserver answers with), or empty when it is JSON. */
    public static Optional<String> syntaxError(byte[] body) {
        return GoJsonSyntax.error(body);
    }

    public static ObjectNode parseObject(byte[] body, boolean yaml) {
        JsonNode node = parse(body, yaml);
        if (!node.isObject()) throw new ApiException(ApiError.badRequest("the request body must be a JSON object, got " + node.getNodeType().name().toLowerCase()));
        return (ObjectNode) node;
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String text(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a dotted path such as {@code metadata.name}; missing parts give null. */
    public static String textAt(JsonNode node, String dottedPath) {
        JsonNode cur = node;
        for (String part : dottedPath.split("\\.")) {
            if (cur == null) return null;
            cur = cur.get(part);
        }
        return cur == null || cur.isNull() ? null : cur.asText();
    }

    public static ObjectNode metadata(ObjectNode obj) {
        JsonNode m = obj.get("metadata");
        if (m instanceof ObjectNode on) return on;
        return obj.putObject("metadata");
    }
}
