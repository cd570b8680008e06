package dev.podium.model.discovery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaBuilder;
import com.fasterxml.classmate.ResolvedType;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.ResourceKind;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Quantity;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OpenAPI v3 component schemas for a group-version's kinds, derived from the fabric8 model classes
 * the API serializes with (so the fields are exactly the ones Podium accepts). Each kind's schema
 * carries {@code x-kubernetes-group-version-kind}, which is how {@code kubectl explain} finds it.
 * Descriptions and required fields come from kube's own documentation ({@link ApiDocs}).
 */
final class OpenApiSchemas {
    private static final String FABRIC8_PACKAGE = "io.fabric8.kubernetes.api.model";
    private static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";
    private static final Set<String> META_TYPES = Set.of("ObjectMeta", "ListMeta", "OwnerReference", "ManagedFieldsEntry",
            "LabelSelector", "LabelSelectorRequirement", "Condition", "Status", "StatusDetails", "StatusCause", "DeleteOptions",
            "Preconditions", "FieldsV1", "MicroTime", "Time");
    private static final Map<Class<?>, String> SCALARS = Map.of(
            IntOrString.class, "io.k8s.apimachinery.pkg.util.intstr.IntOrString",
            Quantity.class, "io.k8s.apimachinery.pkg.api.resource.Quantity");

    private OpenApiSchemas() {}

    /** The {@code components.schemas} object for these kinds and every type they reach. */
    static ObjectNode of(List<ResourceKind> kinds) {
        SchemaBuilder builder = generator().buildMultipleSchemaDefinitions();
        kinds.forEach(k -> builder.createSchemaReference(k.isCustom() ? ObjectMeta.class : k.type()));
        ObjectNode schemas = builder.collectDefinitions("components/schemas");
        schemas.fields().forEachRemaining(e -> ApiDocs.of(e.getKey()).ifPresent(docs -> document((ObjectNode) e.getValue(), docs)));
        for (ResourceKind k : kinds) {
            if (k.isCustom()) schemas.set(customName(k), customSchema(k));
            ObjectNode schema = (ObjectNode) schemas.get(k.isCustom() ? customName(k) : name(k.type()));
            if (schema == null) continue;
            schema.putArray("x-kubernetes-group-version-kind").addObject()
                    .put("group", k.group()).put("kind", k.kind()).put("version", k.version());
        }
        return schemas;
    }

    /** kube names a custom resource's schema after its reversed group: {@code com.example.stable.v1.CronTab}. */
    static String customName(ResourceKind k) {
        List<String> parts = new java.util.ArrayList<>(List.of(k.group().split("\\.")));
        java.util.Collections.reverse(parts);
        return String.join(".", parts) + "." + k.version() + "." + k.kind();
    }

    /** The definition's schema with the envelope every object has, as kube publishes it. */
    private static ObjectNode customSchema(ResourceKind k) {
        ObjectNode schema = k.custom().schema().deepCopy();
        ObjectNode properties = schema.with("properties");
        Map<String, String> envelope = ApiDocs.of("io.k8s.api.core.v1.ConfigMap").map(ApiDocs::fields).orElse(Map.of());
        for (String field : List.of("apiVersion", "kind")) {
            properties.putObject(field).put("type", "string").put("description", envelope.getOrDefault(field, ""));
        }
        properties.putObject("metadata").putArray("allOf").addObject().put("$ref", "#/components/schemas/" + META + "ObjectMeta");
        return schema;
    }

    private static void document(ObjectNode schema, ApiDocs docs) {
        if (!docs.description().isEmpty()) schema.put("description", docs.description());
        ObjectNode properties = (ObjectNode) schema.get("properties");
        if (properties == null) return;
        List<String> required = docs.required().stream().filter(properties::has).sorted().toList();
        if (!required.isEmpty()) required.forEach(schema.putArray("required")::add);
        properties.fields().forEachRemaining(p -> {
            String description = docs.fields().get(p.getKey());
            ObjectNode field = (ObjectNode) p.getValue();
            // the client's generator keeps no description beside a reference, or only the referenced type's
            if (description != null && !field.has("$ref")) field.put("description", description);
        });
    }

    /** Kube's schema names: {@code io.k8s.api.apps.v1.Deployment}, meta types under apimachinery. */
    static String name(Class<?> type) {
        String scalar = SCALARS.get(type);
        if (scalar != null) return scalar;
        String simple = type.getSimpleName();
        String pkg = type.getPackageName();
        if (!pkg.startsWith(FABRIC8_PACKAGE)) return pkg + "." + simple;
        if (pkg.equals(FABRIC8_PACKAGE) && META_TYPES.contains(simple)) return META + simple;
        String rest = pkg.substring(FABRIC8_PACKAGE.length());
        if (rest.isEmpty()) return "io.k8s.api.core.v1." + simple;
        String group = rest.substring(1);
        return "io.k8s.api." + (group.matches(".*\\.v\\d.*") ? group : group + ".v1") + "." + simple;
    }

    private static SchemaGenerator generator() {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(Json.MAPPER, SchemaVersion.DRAFT_7, OptionPreset.PLAIN_JSON)
                .with(new JacksonModule())
                .with(Option.DEFINITIONS_FOR_ALL_OBJECTS)
                .without(Option.SCHEMA_VERSION_INDICATOR);
        config.forTypesInGeneral()
                .withDefinitionNamingStrategy((key, context) -> name(key.getType().getErasedType()))
                .withCustomDefinitionProvider((type, context) -> {
                    if (Map.class.isAssignableFrom(type.getErasedType())) return mapOf(type, context);
                    String scalar = SCALARS.get(type.getErasedType());
                    if (scalar == null) return null;
                    ObjectNode node = Json.object().put("type", "string");
                    if (type.getErasedType() == IntOrString.class) node.put("format", "int-or-string");
                    return new CustomDefinition(node, CustomDefinition.DefinitionType.ALWAYS_REF, CustomDefinition.AttributeInclusion.YES);
                });
        return new SchemaGenerator(config.build());
    }

    /** A map field is an object whose values have the map's value type, written in place like kube's. */
    private static CustomDefinition mapOf(ResolvedType type, SchemaGenerationContext context) {
        ResolvedType value = context.getTypeContext().getTypeParameterFor(type, Map.class, 1);
        ObjectNode node = Json.object().put("type", "object");
        node.set("additionalProperties", value == null ? Json.object() : context.createDefinitionReference(value));
        return new CustomDefinition(node, CustomDefinition.DefinitionType.INLINE, CustomDefinition.AttributeInclusion.NO);
    }
}
