package dev.podium.model.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.podium.model.api.ApiError;
import dev.podium.model.api.ApiException;
import dev.podium.model.kinds.ResourceKind;
import io.kubernetes.client.proto.Runtime;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code application/vnd.kubernetes.protobuf} request bodies (kubectl's typed clients
 * send them, e.g. {@code kubectl create configmap}) into the same JSON tree a JSON body gives.
 * The generated Kubernetes messages come from client-java-proto; the envelope is the 4-byte
 * magic {@code k8s\0} followed by a runtime.Unknown holding the encoded object.
 */
public final class ProtobufBodies {
    public static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";
    private static final byte[] MAGIC = {0x6b, 0x38, 0x73, 0x00};
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** Zero values Go writes for plain (non-pointer) fields are dropped, except where zero is meaningful. */
    private static final List<String> ZERO_MEANINGFUL = List.of("replicas");
    /** Embedded structs Go writes inline in JSON ({@code json:",inline"}) but protobuf keeps as a named field: Message.field. */
    private static final java.util.Set<String> INLINE = java.util.Set.of("Probe.handler", "Volume.volumeSource", "IngressRule.ingressRuleValue",
            "PersistentVolumeSpec.persistentVolumeSource", "EphemeralContainer.ephemeralContainerCommon");

    private ProtobufBodies() {}

    public static ObjectNode decode(byte[] body, ResourceKind kind) {
        return decode(body, kind.group(), kind.kind());
    }

    /** Decodes a body whose type is not a registered kind, e.g. a policy/v1 Eviction or a v1 Binding. */
    public static ObjectNode decode(byte[] body, String group, String kindName) {
        if (body.length < 4 || body[0] != MAGIC[0] || body[1] != MAGIC[1] || body[2] != MAGIC[2] || body[3] != MAGIC[3]) {
            throw new ApiException(ApiError.badRequest("the protobuf body does not start with the Kubernetes magic prefix k8s\\0"));
        }
        try {
            Runtime.Unknown envelope = Runtime.Unknown.parseFrom(com.google.protobuf.ByteString.copyFrom(body, 4, body.length - 4));
            Message object = parse(group, kindName, envelope.getRaw().toByteArray());
            ObjectNode json = (ObjectNode) toJson(object);
            if (envelope.getTypeMeta().hasApiVersion() && !envelope.getTypeMeta().getApiVersion().isEmpty()) {
                json.put("apiVersion", envelope.getTypeMeta().getApiVersion());
            }
            if (envelope.getTypeMeta().hasKind() && !envelope.getTypeMeta().getKind().isEmpty()) {
                json.put("kind", envelope.getTypeMeta().getKind());
            }
            return json;
        } catch (InvalidProtocolBufferException e) {
            throw new ApiException(ApiError.badRequest("the protobuf body could not be decoded as a " + kindName + ": " + e.getMessage()));
        }
    }

    private static Message parse(String group, String kindName, byte[] raw) throws InvalidProtocolBufferException {
        String outer = group.isEmpty() ? "V1" : "V1" + capitalize(group.split("\\.")[0]);
        String className = "io.kubernetes.client.proto." + outer + "$" + kindName;
        try {
            Class<?> type = Class.forName(className);
            return (Message) type.getMethod("parseFrom", byte[].class).invoke(null, (Object) raw);
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof InvalidProtocolBufferException ipe) throw ipe;
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new ApiException(ApiError.unsupportedMediaType(MEDIA_TYPE + " for " + kindName + " (send JSON or YAML)"));
        }
    }

    static JsonNode toJson(Message m) {
        switch (m.getDescriptorForType().getFullName()) {
            case "k8s.io.apimachinery.pkg.apis.meta.v1.Time":
            case "k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime": {
                long seconds = (Long) field(m, "seconds", 0L);
                int nanos = (Integer) field(m, "nanos", 0);
                if (seconds == 0 && nanos == 0) return null;
                Instant t = Instant.ofEpochSecond(seconds, nanos);
                boolean micro = m.getDescriptorForType().getName().equals("MicroTime");
                return F.textNode(DateTimeFormatter.ISO_INSTANT.format(micro ? t.truncatedTo(ChronoUnit.MICROS) : t.truncatedTo(ChronoUnit.SECONDS)));
            }
            case "k8s.io.apimachinery.pkg.api.resource.Quantity":
                return F.textNode((String) field(m, "string", ""));
            case "k8s.io.apimachinery.pkg.util.intstr.IntOrString":
                return ((Number) field(m, "type", 0L)).longValue() == 0
                        ? F.numberNode(((Number) field(m, "intVal", 0)).intValue())
                        : F.textNode((String) field(m, "strVal", ""));
            case "k8s.io.apimachinery.pkg.runtime.RawExtension":
            case "k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1": {
                ByteString raw = (ByteString) field(m, "raw", ByteString.EMPTY);
                if (raw.isEmpty()) return null;
                return Json.parse(raw.toByteArray(), false);
            }
            default:
                return object(m);
        }
    }

    private static ObjectNode object(Message m) {
        ObjectNode out = F.objectNode();
        for (Map.Entry<FieldDescriptor, Object> e : m.getAllFields().entrySet()) {
            FieldDescriptor fd = e.getKey();
            JsonNode value;
            if (fd.isMapField()) {
                ObjectNode map = F.objectNode();
                for (Object entry : (List<?>) e.getValue()) {
                    Message me = (Message) entry;
                    Object k = me.getField(me.getDescriptorForType().findFieldByName("key"));
                    FieldDescriptor vfd = me.getDescriptorForType().findFieldByName("value");
                    JsonNode v = scalarOrMessage(vfd, me.getField(vfd), true);
                    map.set(String.valueOf(k), v == null ? F.nullNode() : v);
                }
                value = map;
            } else if (fd.isRepeated()) {
                ArrayNode arr = F.arrayNode();
                for (Object item : (List<?>) e.getValue()) {
                    JsonNode v = scalarOrMessage(fd, item, true);
                    arr.add(v == null ? F.nullNode() : v);
                }
                value = arr;
            } else {
                value = scalarOrMessage(fd, e.getValue(), ZERO_MEANINGFUL.contains(fd.getName()));
            }
            if (value == null) continue;
            if (INLINE.contains(m.getDescriptorForType().getName() + "." + fd.getName()) && value instanceof ObjectNode inline) out.setAll(inline);
            else out.set(fd.getName(), value);
        }
        return out;
    }

    private static JsonNode scalarOrMessage(FieldDescriptor fd, Object v, boolean keepZero) {
        switch (fd.getJavaType()) {
            case MESSAGE:
                return toJson((Message) v);
            case STRING:
                String s = (String) v;
                return s.isEmpty() && !keepZero ? null : F.textNode(s);
            case BOOLEAN:
                return !((Boolean) v) && !keepZero ? null : F.booleanNode((Boolean) v);
            case INT:
                return ((Integer) v) == 0 && !keepZero ? null : F.numberNode((Integer) v);
            case LONG:
                return ((Long) v) == 0 && !keepZero ? null : F.numberNode((Long) v);
            case DOUBLE:
                return F.numberNode((Double) v);
            case FLOAT:
                return F.numberNode((Float) v);
            case BYTE_STRING:
                return F.textNode(Base64.getEncoder().encodeToString(((ByteString) v).toByteArray()));
            default:
                return F.textNode(String.valueOf(v));
        }
    }

    private static Object field(Message m, String name, Object fallback) {
        FieldDescriptor fd = m.getDescriptorForType().findFieldByName(name);
        return fd == null || !m.hasField(fd) ? fallback : m.getField(fd);
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
