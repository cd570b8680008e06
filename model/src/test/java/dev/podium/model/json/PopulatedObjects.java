package dev.podium.model.json;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsOrArray;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsOrBool;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsOrStringArray;

import java.lang.reflect.Modifier;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * An object of a fabric8 model class with every field it declares set to a sample value of its
 * type, recursively: the wire form a client that uses every field would send. A type already
 * being filled further up (JSONSchemaProps in itself) is left out the second time.
 */
final class PopulatedObjects {
    static final String MICRO_TIME = "2026-01-01T10:00:00.123456Z";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Deque<Class<?>> filling = new ArrayDeque<>();
    private int leaves;

    /** The populated object and how many scalar values it holds. */
    record Populated(ObjectNode object, int leaves) {}

    static Populated of(Class<?> type) {
        PopulatedObjects p = new PopulatedObjects();
        ObjectNode obj = (ObjectNode) p.value(p.mapper.constructType(type));
        return new Populated(obj, p.leaves);
    }

    private JsonNode value(JavaType type) {
        Class<?> raw = type.getRawClass();
        JsonNode scalar = scalar(raw);
        if (scalar != null) {
            leaves++;
            return scalar;
        }
        if (type.isCollectionLikeType()) {
            JsonNode item = value(type.getContentType());
            if (item == null) return null;
            ArrayNode list = F.arrayNode();
            list.add(item);
            return list;
        }
        if (type.isMapLikeType()) {
            JsonNode v = value(type.getContentType());
            return v == null ? null : F.objectNode().set("key", v);
        }
        if (raw == Object.class || JsonNode.class.isAssignableFrom(raw)) {
            leaves++;
            return F.objectNode().put("any", "value");
        }
        JsonNode wrapper = schemaWrapper(raw);
        if (wrapper != null) {
            leaves++;
            return wrapper;
        }
        JsonDeserialize own = raw.getAnnotation(JsonDeserialize.class);
        if (own != null && own.using() != JsonDeserializer.None.class) {
            throw new IllegalStateException(raw.getName() + " has a wire form of its own (" + own.using().getSimpleName() + "): give it a sample");
        }
        if (filling.contains(raw) || raw.isInterface() || Modifier.isAbstract(raw.getModifiers())) return null;
        filling.push(raw);
        try {
            ObjectNode obj = F.objectNode();
            BeanDescription bean = mapper.getDeserializationConfig().introspect(type);
            for (BeanPropertyDefinition p : bean.findProperties()) {
                if (!p.hasSetter() && !p.hasField() && !p.hasConstructorParameter()) continue;
                JsonNode v = value(p.getPrimaryType());
                if (v != null) obj.set(p.getName(), v);
            }
            return obj;
        } finally {
            filling.pop();
        }
    }

    /** The CRD schema's either-or types: a bool or a schema, a schema or a list of them, a schema or a list of strings. */
    private static JsonNode schemaWrapper(Class<?> raw) {
        if (raw == JSONSchemaPropsOrBool.class) return F.booleanNode(false);
        if (raw == JSONSchemaPropsOrArray.class) return F.objectNode().put("type", "string");
        if (raw == JSONSchemaPropsOrStringArray.class) return F.arrayNode().add("other");
        return null;
    }

    private static JsonNode scalar(Class<?> raw) {
        Map<Class<?>, JsonNode> samples = Map.ofEntries(
                Map.entry(String.class, F.textNode("text")),
                Map.entry(Integer.class, F.numberNode(7)), Map.entry(int.class, F.numberNode(7)),
                Map.entry(Long.class, F.numberNode(8L)), Map.entry(long.class, F.numberNode(8L)),
                Map.entry(Boolean.class, F.booleanNode(true)), Map.entry(boolean.class, F.booleanNode(true)),
                Map.entry(Double.class, F.numberNode(1.5)), Map.entry(Float.class, F.numberNode(1.5f)),
                Map.entry(byte[].class, F.textNode("aGVsbG8=")),
                Map.entry(Quantity.class, F.textNode("1500m")),
                Map.entry(IntOrString.class, F.textNode("25%")),
                Map.entry(MicroTime.class, F.textNode(MICRO_TIME)),
                Map.entry(ZonedDateTime.class, F.textNode(MICRO_TIME)),
                Map.entry(io.fabric8.kubernetes.api.model.Duration.class, F.textNode("1m30s")));
        return samples.get(raw);
    }
}
