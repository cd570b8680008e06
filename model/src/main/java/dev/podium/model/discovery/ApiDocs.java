package dev.podium.model.discovery;

import io.swagger.annotations.ApiModel;
import io.swagger.annotations.ApiModelProperty;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Kubernetes' own API documentation for a schema, read from the official Java client's generated
 * models: they are generated from kube-apiserver's OpenAPI and keep each type's and field's
 * description (and which fields are required) in swagger annotations.
 */
record ApiDocs(String description, Map<String, String> fields, Set<String> required) {
    private static final String MODELS = "io.kubernetes.client.openapi.models.";

    /** The docs for a kube schema name such as {@code io.k8s.api.apps.v1.DeploymentSpec}; empty when the client has no such model. */
    static Optional<ApiDocs> of(String schemaName) {
        String[] parts = schemaName.split("\\.");
        if (parts.length < 2) return Optional.empty();
        String version = parts[parts.length - 2];
        if (!version.matches("v\\d+((alpha|beta)\\d+)?")) return Optional.empty();
        String model = MODELS + Character.toUpperCase(version.charAt(0)) + version.substring(1) + parts[parts.length - 1];
        try {
            return Optional.of(read(Class.forName(model, false, ApiDocs.class.getClassLoader())));
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }

    private static ApiDocs read(Class<?> model) {
        ApiModel type = model.getAnnotation(ApiModel.class);
        Map<String, String> fields = new HashMap<>();
        Set<String> required = new LinkedHashSet<>();
        for (Method m : model.getMethods()) {
            ApiModelProperty p = m.getAnnotation(ApiModelProperty.class);
            String field = fieldOf(m.getName());
            if (p == null || field == null) continue;
            if (!p.value().isEmpty()) fields.put(field, p.value());
            if (p.required()) required.add(field);
        }
        return new ApiDocs(type == null ? "" : type.description(), fields, required);
    }

    private static String fieldOf(String getter) {
        String rest = getter.startsWith("get") ? getter.substring(3) : getter.startsWith("is") ? getter.substring(2) : null;
        if (rest == null || rest.isEmpty()) return null;
        return Character.toLowerCase(rest.charAt(0)) + rest.substring(1);
    }
}
