package dev.podium.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.ApiError;
import dev.podium.model.api.Cause;
import dev.podium.model.json.Json;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.StatusCodes;

import java.util.Map;

/** Building HTTP responses: JSON or YAML bodies and Kubernetes Status errors. */
public final class Responses {
    public static final ContentType JSON = ContentTypes.APPLICATION_JSON;
    public static final ContentType YAML = MediaTypes.applicationWithFixedCharset("yaml", HttpCharsets.UTF_8).toContentType();

    private Responses() {}

    public static ContentType jsonWithParams(Map<String, String> params) {
        return MediaTypes.customWithFixedCharset("application", "json", HttpCharsets.UTF_8, params, false).toContentType();
    }

    public static HttpResponse json(int code, JsonNode body) {
        return HttpResponse.create().withStatus(code).withEntity(JSON, Json.bytes(body));
    }

    public static HttpResponse ok(JsonNode body, boolean yaml) {
        if (yaml) {
            try {
                return HttpResponse.create().withStatus(200).withEntity(YAML, Json.YAML.writeValueAsBytes(body));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return json(200, body);
    }

    public static HttpResponse error(ApiError e) {
        return json(e.code(), status(e));
    }

    /** The {@code Status} object for a rejected request. */
    public static ObjectNode status(ApiError e) {
        ObjectNode s = Json.object();
        s.put("kind", "Status");
        s.put("apiVersion", "v1");
        s.putObject("metadata");
        s.put("status", "Failure");
        s.put("message", e.message());
        s.put("reason", e.reason());
        if (e.details() != null) {
            ObjectNode d = s.putObject("details");
            if (e.details().name() != null && !e.details().name().isEmpty()) d.put("name", e.details().name());
            if (e.details().group() != null && !e.details().group().isEmpty()) d.put("group", e.details().group());
            if (e.details().kind() != null) d.put("kind", e.details().kind());
            if (e.details().causes() != null) {
                var causes = d.putArray("causes");
                for (Cause c : e.details().causes()) {
                    ObjectNode cn = causes.addObject();
                    if (c.reason() != null) cn.put("reason", c.reason());
                    if (c.message() != null) cn.put("message", c.message());
                    if (c.field() != null) cn.put("field", c.field());
                }
            }
            if (e.details().retryAfterSeconds() != null) d.put("retryAfterSeconds", e.details().retryAfterSeconds());
        }
        s.put("code", e.code());
        return s;
    }

    public static HttpResponse success(String kindName, String name, String group) {
        ObjectNode s = Json.object();
        s.put("kind", "Status");
        s.put("apiVersion", "v1");
        s.putObject("metadata");
        s.put("status", "Success");
        ObjectNode d = s.putObject("details");
        d.put("name", name);
        if (!group.isEmpty()) d.put("group", group);
        d.put("kind", kindName);
        return json(200, s);
    }

    public static HttpResponse text(int code, String body) {
        return HttpResponse.create().withStatus(StatusCodes.get(code)).withEntity(ContentTypes.TEXT_PLAIN_UTF8, body);
    }
}
