package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.KindRules;
import dev.podium.model.validation.Base64Data;
import dev.podium.model.validation.Causes;
import dev.podium.model.validation.Nodes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Defaulting and validation for Secret. */
public final class SecretRules implements KindRules {
    public static final String TYPE_OPAQUE = "Opaque";
    public static final String TYPE_SERVICE_ACCOUNT_TOKEN = "kubernetes.io/service-account-token";
    public static final String TYPE_DOCKERCFG = "kubernetes.io/dockercfg";
    public static final String TYPE_DOCKER_CONFIG_JSON = "kubernetes.io/dockerconfigjson";
    public static final String TYPE_BASIC_AUTH = "kubernetes.io/basic-auth";
    public static final String TYPE_SSH_AUTH = "kubernetes.io/ssh-auth";
    public static final String TYPE_TLS = "kubernetes.io/tls";
    public static final String SERVICE_ACCOUNT_NAME_ANNOTATION = "kubernetes.io/service-account.name";
    private static final String REDACTED = "<secret contents redacted>";
    private static final Map<String, Function<JsonNode, String>> FIELD_SELECTORS = Map.of("type", o -> Nodes.str(o, "type"));

    /** type defaults to Opaque; stringData is base64-encoded into data (winning over it) and dropped. */
    @Override
    public void applyDefaults(ObjectNode obj) {
        Nodes.putIfAbsent(obj, "type", TYPE_OPAQUE);
        Map<String, String> stringData = Nodes.stringMap(obj, "stringData");
        if (!stringData.isEmpty()) {
            ObjectNode data = Nodes.child(obj, "data");
            stringData.forEach((k, v) -> data.put(k, Base64Data.encode(v)));
        }
        obj.remove("stringData");
    }

    @Override
    public List<Cause> validate(ObjectNode obj) {
        List<Cause> errs = new ArrayList<>();
        Map<String, String> data = Nodes.stringMap(obj, "data");
        DataMaps.validateKeys("data", data, errs);
        long total = DataMaps.decodedSize("data", data, REDACTED, errs);
        if (total > DataMaps.MAX_SIZE) errs.add(Cause.tooLong("data", DataMaps.MAX_SIZE));

        switch (Nodes.str(obj, "type")) {
            case TYPE_SERVICE_ACCOUNT_TOKEN -> {
                if (Nodes.str(obj.path("metadata").get("annotations"), SERVICE_ACCOUNT_NAME_ANNOTATION).isEmpty()) {
                    errs.add(Cause.required(Causes.key("metadata.annotations", SERVICE_ACCOUNT_NAME_ANNOTATION)));
                }
            }
            case TYPE_DOCKERCFG -> requireJson(obj, ".dockercfg", errs);
            case TYPE_DOCKER_CONFIG_JSON -> requireJson(obj, ".dockerconfigjson", errs);
            case TYPE_BASIC_AUTH -> {
                if (!DataMaps.has(obj, "data", "username") && !DataMaps.has(obj, "data", "password")) {
                    errs.add(Cause.required("data[username]"));
                    errs.add(Cause.required("data[password]"));
                }
            }
            case TYPE_SSH_AUTH -> {
                if (Nodes.str(obj.get("data"), "ssh-privatekey").isEmpty()) errs.add(Cause.required("data[ssh-privatekey]"));
            }
            case TYPE_TLS -> {
                if (!DataMaps.has(obj, "data", "tls.crt")) errs.add(Cause.required("data[tls.crt]"));
                if (!DataMaps.has(obj, "data", "tls.key")) errs.add(Cause.required("data[tls.key]"));
            }
            default -> { }
        }
        return errs;
    }

    @Override
    public List<Cause> validateUpdate(ObjectNode oldObj, ObjectNode newObj) {
        List<Cause> errs = new ArrayList<>();
        String oldType = Nodes.str(oldObj, "type");
        String newType = Nodes.str(newObj, "type");
        if (!oldType.equals(newType)) errs.add(Causes.immutable("type", newType));
        DataMaps.validateImmutable(oldObj, newObj, List.of("data"), errs);
        return errs;
    }

    @Override
    public Map<String, Function<JsonNode, String>> fieldSelectors() {
        return FIELD_SELECTORS;
    }

    private static void requireJson(ObjectNode obj, String key, List<Cause> errs) {
        String path = Causes.key("data", key);
        String encoded = Nodes.text(obj.get("data"), key);
        if (encoded == null) {
            errs.add(Cause.required(path));
            return;
        }
        if (Base64Data.error(encoded) != null) return;
        try {
            JsonNode parsed = Json.MAPPER.readTree(Base64Data.decode(encoded));
            if (parsed == null || !parsed.isObject()) {
                errs.add(Cause.invalid(path, REDACTED, "json: cannot unmarshal into Go value of type map[string]interface {}"));
            }
        } catch (IOException e) {
            errs.add(Cause.invalid(path, REDACTED, e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
    }
}
