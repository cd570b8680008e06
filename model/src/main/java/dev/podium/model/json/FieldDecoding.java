package dev.podium.model.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.AnnotatedClass;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.podium.model.api.ApiError;
import dev.podium.model.api.ApiException;
import dev.podium.model.kinds.ResourceKind;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Decodes a request body against the kind's fabric8 model the way kube-apiserver decodes into
 * its Go types: values of the wrong type are a 400, and fields the schema does not declare are
 * found (fabric8's catch-all additionalProperties is switched off for this) so they can be
 * rejected (fieldValidation=Strict), warned about (Warn) or dropped (Ignore).
 */
public final class FieldDecoding {
    private static final ObjectMapper STRICT = strictMapper();

    private FieldDecoding() {}

    /** Paths of the undeclared fields, each as its segments (names, or Integer list positions). */
    public static List<List<Object>> unknownFields(ResourceKind kind, JsonNode obj) {
        // a kind without a typed model (an extension server's, shown in discovery) has no field it could call unknown
        if (kind.type() == io.fabric8.kubernetes.api.model.GenericKubernetesResource.class) return List.of();
        List<List<Object>> found = new ArrayList<>();
        var reader = STRICT.readerFor(kind.type()).withHandler(new DeserializationProblemHandler() {
            @Override
            public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
                                                 Object beanOrClass, String propertyName) throws IOException {
                JsonStreamContext ctx = p.getParsingContext();
                // positioned on an object or array value, the context is already the value's own
                if (p.currentToken() == JsonToken.START_OBJECT || p.currentToken() == JsonToken.START_ARRAY) ctx = ctx.getParent();
                List<Object> path = pathOf(ctx);
                path.add(propertyName);
                found.add(path);
                p.skipChildren();
                return true;
            }
        });
        try {
            reader.readValue(STRICT.treeAsTokens(obj));
        } catch (JsonMappingException e) {
            throw new ApiException(ApiError.badRequest(cannotBeHandled(kind, UnmarshalErrors.describe(STRICT, kind.type(), obj, e))));
        } catch (IOException e) {
            throw new ApiException(ApiError.badRequest(cannotBeHandled(kind, "json: cannot unmarshal object into Go value of type v1." + kind.kind())));
        }
        return found;
    }

    /** kube-apiserver's wording for a body its decoder refused (transformDecodeError). */
    public static String cannotBeHandled(ResourceKind kind, String why) {
        return kind.kind() + " in version \"" + kind.version() + "\" cannot be handled as a " + kind.kind() + ": " + why;
    }

    /**
     * The fabric8 model read as Go reads its own types: no catch-all for unknown fields, kube's
     * MicroTime format, and no coercion between strings, numbers and booleans (Go has none).
     */
    private static ObjectMapper strictMapper() {
        ObjectMapper m = new ObjectMapper()
                .setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
                    @Override
                    public Boolean hasAnySetter(Annotated a) {
                        return Boolean.FALSE;
                    }

                    @Override
                    public Object findDeserializer(Annotated a) {
                        JsonDeserializer<?> microTime = a instanceof AnnotatedClass ? MicroTimeDecoding.forType(a.getRawType()) : null;
                        return microTime != null ? microTime : super.findDeserializer(a);
                    }
                })
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                .configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false);
        m.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return m;
    }

    /** kube-apiserver's wording: {@code unknown field "spec.containers[0].foo"}. */
    public static String describe(List<Object> path) {
        StringBuilder sb = new StringBuilder();
        for (Object seg : path) {
            if (seg instanceof Integer i) sb.append('[').append(i).append(']');
            else {
                if (sb.length() > 0) sb.append('.');
                sb.append(seg);
            }
        }
        return "unknown field \"" + sb + "\"";
    }

    /** Removes the given fields in place. */
    public static void prune(ObjectNode obj, List<List<Object>> paths) {
        for (List<Object> path : paths) {
            JsonNode cur = obj;
            for (int i = 0; i < path.size() - 1 && cur != null; i++) {
                Object seg = path.get(i);
                cur = seg instanceof Integer idx ? cur.get(idx) : cur.get((String) seg);
            }
            if (cur instanceof ObjectNode on) on.remove((String) path.get(path.size() - 1));
        }
    }

    private static List<Object> pathOf(JsonStreamContext ctx) {
        Deque<Object> segs = new ArrayDeque<>();
        // the context of an unknown property is the object holding it; its own name is added by the caller
        for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) segs.addFirst(c.getCurrentIndex());
            JsonStreamContext parent = c.getParent();
            if (parent != null && parent.inObject() && parent.getCurrentName() != null) segs.addFirst(parent.getCurrentName());
        }
        return new ArrayList<>(segs);
    }
}
