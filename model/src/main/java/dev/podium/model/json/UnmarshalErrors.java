package dev.podium.model.json;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;

import java.util.ArrayList;
import java.util.List;

/**
 * Go's encoding/json error for a value of the wrong type, as kube-apiserver returns it:
 * {@code json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type []v1.Container}.
 * The struct is the innermost one holding the field, the field its JSON path from the root
 * without list positions or map keys, the type the Go type the value was meant for.
 */
final class UnmarshalErrors {
    /** resource.ErrFormatWrong, what Quantity.UnmarshalJSON answers for anything that is not a quantity. */
    static final String QUANTITY_FORMAT = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

    private UnmarshalErrors() {}

    static String describe(ObjectMapper mapper, Class<?> root, JsonNode body, JsonMappingException e) {
        if (e instanceof MicroTimeDecoding.BadMicroTime) return e.getOriginalMessage();
        JavaType type = mapper.constructType(root);
        String struct = root.getSimpleName();
        List<String> fields = new ArrayList<>();
        JsonNode node = body;
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                node = node == null ? null : node.get(ref.getFieldName());
                if (type.isMapLikeType()) {
                    type = type.getContentType();
                } else {
                    struct = type.getRawClass().getSimpleName();
                    fields.add(ref.getFieldName());
                    type = propertyType(mapper, type, ref.getFieldName());
                }
            } else if (ref.getIndex() >= 0) {
                node = node == null ? null : node.get(ref.getIndex());
                type = type == null ? null : type.getContentType();
            }
            if (type == null) break;
        }
        if (type != null && type.getRawClass() == Quantity.class) return QUANTITY_FORMAT;
        String goType = GoTypes.name(type);
        // these UnmarshalJSON methods decode into a Go scalar first, and that is what a wrong value fails on
        if (GoTypes.isMicroTime(type)) goType = "string";
        if (type != null && type.getRawClass() == IntOrString.class) goType = "int32";
        String value = valueKind(node, goType.equals("int32") || GoTypes.isInteger(type));
        if (fields.isEmpty()) return "json: cannot unmarshal " + value + " into Go value of type " + goType;
        return "json: cannot unmarshal " + value + " into Go struct field " + struct + "." + String.join(".", fields) + " of type " + goType;
    }

    private static JavaType propertyType(ObjectMapper mapper, JavaType bean, String field) {
        BeanDescription description = mapper.getDeserializationConfig().introspect(bean);
        for (BeanPropertyDefinition p : description.findProperties()) {
            if (p.getName().equals(field)) return p.getPrimaryType();
        }
        return null;
    }

    /** Go's name for the JSON value: string, number, bool, object, array; "number 1.5" for a number an integer field cannot hold. */
    private static String valueKind(JsonNode node, boolean integerTarget) {
        if (node == null || node.isNull()) return "null";
        if (node.isTextual()) return "string";
        if (node.isBoolean()) return "bool";
        if (node.isObject()) return "object";
        if (node.isArray()) return "array";
        if (node.isNumber()) return integerTarget ? "number " + node.asText() : "number";
        return "value";
    }
}
