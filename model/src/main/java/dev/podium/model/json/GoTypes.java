package dev.podium.model.json;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.Quantity;

import java.time.ZonedDateTime;

/**
 * The Go spelling of the fabric8 model's types, as kube-apiserver's decoding errors show them
 * ({@code []v1.Container}, {@code map[string]string}, {@code int32}). Every served kind is a v1
 * type, so a struct is {@code v1.} and its name; named scalar types (v1.Protocol...) show as
 * the scalar they are.
 */
final class GoTypes {
    private GoTypes() {}

    static String name(JavaType type) {
        if (type == null) return "interface {}";
        Class<?> raw = type.getRawClass();
        if (type.isCollectionLikeType() || type.isArrayType()) {
            if (raw == byte[].class) return "[]uint8";
            return "[]" + name(type.getContentType());
        }
        if (type.isMapLikeType()) {
            if (type.getContentType() != null && type.getContentType().getRawClass() == Quantity.class) return "v1.ResourceList";
            return "map[string]" + name(type.getContentType());
        }
        if (raw == String.class) return "string";
        if (raw == Integer.class || raw == int.class) return "int32";
        if (raw == Long.class || raw == long.class) return "int64";
        if (raw == Boolean.class || raw == boolean.class) return "bool";
        if (raw == Double.class || raw == double.class) return "float64";
        if (raw == Float.class || raw == float.class) return "float32";
        if (raw == Quantity.class) return "resource.Quantity";
        if (raw == IntOrString.class) return "intstr.IntOrString";
        if (isMicroTime(type)) return "v1.MicroTime";
        if (raw == Object.class || JsonNode.class.isAssignableFrom(raw)) return "interface {}";
        return "v1." + raw.getSimpleName();
    }

    static boolean isMicroTime(JavaType type) {
        return type != null && (type.getRawClass() == MicroTime.class || type.getRawClass() == ZonedDateTime.class);
    }

    static boolean isInteger(JavaType type) {
        Class<?> raw = type == null ? null : type.getRawClass();
        return raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class;
    }
}
