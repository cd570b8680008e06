package dev.podium.model.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.KindRules;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.model.table.CustomResourceColumns;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/** The kinds a CustomResourceDefinition defines: one per version, each with its own schema and columns. */
public final class CustomResourceKinds {
    /** The entity type name of CustomResourceDefinitions. */
    public static final String DEFINITION = "CustomResourceDefinition.apiextensions.k8s.io";
    private CustomResourceKinds() {}

    /** The entity type name of a definition's objects ({@code Kind.group}), the same for all its versions. */
    public static String entityTypeName(JsonNode crd) {
        return crd.path("spec").path("names").path("kind").asText() + "." + crd.path("spec").path("group").asText();
    }

    /** Every version of the definition, served or not; {@code rules} compiles a version's schema. */
    public static List<ResourceKind> versions(ObjectNode crd, BiFunction<ObjectNode, String, KindRules> rules) {
        List<ResourceKind> out = new ArrayList<>();
        for (JsonNode v : crd.path("spec").path("versions")) out.add(kind(crd, v, rules.apply(crd, v.path("name").asText())));
        return out;
    }

    public static boolean served(ObjectNode crd, String version) {
        return version(crd, version).map(v -> v.path("served").asBoolean(false)).orElse(false);
    }

    public static String storageVersion(JsonNode crd) {
        for (JsonNode v : crd.path("spec").path("versions")) if (v.path("storage").asBoolean(false)) return v.path("name").asText();
        return crd.path("spec").path("versions").path(0).path("name").asText();
    }

    public static Optional<JsonNode> version(JsonNode crd, String name) {
        for (JsonNode v : crd.path("spec").path("versions")) if (v.path("name").asText().equals(name)) return Optional.of(v);
        return Optional.empty();
    }

    /** The version's schema; kube's v1 requires one, an empty object stands in while a definition is being written. */
    public static ObjectNode schema(JsonNode version) {
        JsonNode s = version.path("schema").path("openAPIV3Schema");
        return s instanceof ObjectNode o ? o : Json.object().put("type", "object");
    }

    private static ResourceKind kind(ObjectNode crd, JsonNode version, KindRules rules) {
        JsonNode spec = crd.path("spec");
        JsonNode names = spec.path("names");
        JsonNode subresources = version.path("subresources");
        List<String> shortNames = new ArrayList<>();
        names.path("shortNames").forEach(s -> shortNames.add(s.asText()));
        List<String> categories = new ArrayList<>();
        names.path("categories").forEach(s -> categories.add(s.asText()));
        CustomVersion custom = new CustomVersion(crd.path("metadata").path("name").asText(), CrdNames.singular(names), storageVersion(crd),
                schema(version), new CustomResourceColumns(version.path("additionalPrinterColumns")), scale(subresources.path("scale")), deprecation(crd, version),
                crd.path("metadata").has("deletionTimestamp"));
        return new ResourceKind(spec.path("group").asText(), version.path("name").asText(), names.path("kind").asText(), names.path("plural").asText(),
                !"Cluster".equals(spec.path("scope").asText()), List.copyOf(shortNames), List.copyOf(categories), subresources.has("status"),
                GenericKubernetesResource.class, rules, custom);
    }

    private static CustomVersion.ScalePaths scale(JsonNode scale) {
        if (!scale.isObject()) return null;
        return new CustomVersion.ScalePaths(scale.path("specReplicasPath").asText(".spec.replicas"),
                scale.path("statusReplicasPath").asText(".status.replicas"), scale.path("labelSelectorPath").asText(""));
    }

    /** kube's default warning for a deprecated version: "group/version Kind is deprecated". */
    private static String deprecation(JsonNode crd, JsonNode version) {
        if (!version.path("deprecated").asBoolean(false)) return null;
        String own = version.path("deprecationWarning").asText("");
        if (!own.isEmpty()) return own;
        return crd.path("spec").path("group").asText() + "/" + version.path("name").asText() + " "
                + crd.path("spec").path("names").path("kind").asText() + " is deprecated";
    }
}
