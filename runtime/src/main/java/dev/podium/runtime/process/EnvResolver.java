package dev.podium.runtime.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;
import dev.podium.runtime.PodContext;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A container's environment as kubelet builds it: envFrom first (with prefix), then env in order, each
 * value expanded with $(VAR) against the variables defined before it. Missing ConfigMaps/Secrets/keys
 * that are not optional fail with CreateContainerConfigError (retryable: they may be created later).
 */
public final class EnvResolver {
    private EnvResolver() {}

    public static Map<String, String> resolve(ObjectNode pod, JsonNode container, PodContext ctx) throws PodConfigException {
        String ns = Json.textAt(pod, "metadata.namespace");
        if (ns == null) ns = "default";
        String cname = container.path("name").asText();
        Map<String, String> env = new LinkedHashMap<>(ctx.serviceEnvironment(pod));
        for (JsonNode from : container.path("envFrom")) {
            String prefix = from.path("prefix").asText("");
            boolean secret = from.has("secretRef");
            JsonNode ref = secret ? from.get("secretRef") : from.path("configMapRef");
            Optional<Map<String, String>> data = data(ctx, secret ? "Secret" : "ConfigMap", ns, ref.path("name").asText());
            if (data.isEmpty()) {
                if (ref.path("optional").asBoolean(false)) continue;
                throw notFound(secret ? "secret" : "configmap", ref.path("name").asText());
            }
            data.get().forEach((k, v) -> env.put(prefix + k, v));
        }
        for (JsonNode e : container.path("env")) {
            String name = e.path("name").asText();
            JsonNode from = e.get("valueFrom");
            if (from == null || from.isNull()) {
                env.put(name, Expansion.expand(e.path("value").asText(""), env));
                continue;
            }
            String value;
            if (from.has("configMapKeyRef") || from.has("secretKeyRef")) {
                boolean secret = from.has("secretKeyRef");
                JsonNode ref = from.get(secret ? "secretKeyRef" : "configMapKeyRef");
                String kind = secret ? "Secret" : "ConfigMap";
                String objName = ref.path("name").asText(), key = ref.path("key").asText();
                boolean optional = ref.path("optional").asBoolean(false);
                Optional<Map<String, String>> data = data(ctx, kind, ns, objName);
                if (data.isEmpty()) {
                    if (optional) continue;
                    throw notFound(secret ? "secret" : "configmap", objName);
                }
                value = data.get().get(key);
                if (value == null) {
                    if (optional) continue;
                    throw new PodConfigException("CreateContainerConfigError",
                            "couldn't find key " + key + " in " + kind + " " + ns + "/" + objName, true);
                }
            } else if (from.has("fieldRef")) {
                value = FieldRefs.field(pod, ctx, from.get("fieldRef").path("fieldPath").asText());
            } else if (from.has("resourceFieldRef")) {
                value = FieldRefs.resource(pod, cname, from.get("resourceFieldRef"));
            } else {
                throw new PodConfigException("CreateContainerConfigError", "env " + name + ": unsupported valueFrom", false);
            }
            env.put(name, value);
        }
        return env;
    }

    private static PodConfigException notFound(String kind, String name) {
        return new PodConfigException("CreateContainerConfigError", kind + " \"" + name + "\" not found", true);
    }

    /** The string data of a ConfigMap (data + binaryData) or Secret (base64 data, then stringData). */
    static Optional<Map<String, String>> data(PodContext ctx, String kind, String ns, String name) {
        Optional<ObjectNode> obj = ctx.lookup(kind, ns, name);
        if (obj.isEmpty()) return Optional.empty();
        Map<String, byte[]> bytes = bytes(obj.get(), kind);
        Map<String, String> out = new LinkedHashMap<>();
        bytes.forEach((k, v) -> out.put(k, new String(v, StandardCharsets.UTF_8)));
        return Optional.of(out);
    }

    static Map<String, byte[]> bytes(ObjectNode obj, String kind) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        boolean secret = kind.equals("Secret");
        for (Iterator<Map.Entry<String, JsonNode>> it = obj.path("data").fields(); it.hasNext(); ) {
            var e = it.next();
            String v = e.getValue().asText();
            out.put(e.getKey(), secret ? decode(v) : v.getBytes(StandardCharsets.UTF_8));
        }
        String extra = secret ? "stringData" : "binaryData";
        for (Iterator<Map.Entry<String, JsonNode>> it = obj.path(extra).fields(); it.hasNext(); ) {
            var e = it.next();
            String v = e.getValue().asText();
            out.put(e.getKey(), secret ? v.getBytes(StandardCharsets.UTF_8) : decode(v));
        }
        return out;
    }

    private static byte[] decode(String b64) {
        try {
            return Base64.getMimeDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            return b64.getBytes(StandardCharsets.UTF_8);
        }
    }
}
