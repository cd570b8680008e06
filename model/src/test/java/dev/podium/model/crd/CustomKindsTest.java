package dev.podium.model.crd;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.discovery.OpenApi;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.Kinds;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.model.validation.Validator;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class CustomKindsTest {
    static ObjectNode definition(String name, String plural, String kind, String created) {
        String yaml = """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: %s, uid: uid-%s, generation: 1, creationTimestamp: "%s"}
                spec:
                  group: example.com
                  scope: Namespaced
                  names: {plural: %s, singular: %s, kind: %s, shortNames: [%s]}
                  versions:
                  - name: v1
                    served: true
                    storage: true
                    subresources: {status: {}}
                    schema: {openAPIV3Schema: {type: object, properties: {spec: {type: object, properties: {size: {type: integer, maximum: 3}}}}}}
                  - {name: v2alpha1, served: false, storage: false, schema: {openAPIV3Schema: {type: object}}}
                """.formatted(name, plural, created, plural, plural.substring(0, plural.length() - 1), kind, plural.substring(0, 2));
        return (ObjectNode) Json.parse(yaml.getBytes(StandardCharsets.UTF_8), true);
    }

    @Test
    void aDefinitionsServedVersionsBecomeKindsWithItsSchemaAndGoWithIt() {
        CustomKinds custom = new CustomKinds();
        Kinds kinds = new Kinds(custom);
        custom.changed(definition("gadgets.example.com", "gadgets", "Gadget", "2026-01-01T00:00:00Z"), false);
        ResourceKind v1 = kinds.byResource("example.com", "v1", "gadgets").orElseThrow();
        assertThat(v1.isCustom()).isTrue();
        assertThat(v1.statusSubresource()).isTrue();
        assertThat(v1.shortNames()).containsExactly("ga");
        assertThat(kinds.byResource("example.com", "v2alpha1", "gadgets")).as("not served").isEmpty();
        assertThat(kinds.byEntityType("Gadget.example.com").orElseThrow().version()).isEqualTo("v1");
        assertThat(kinds.all()).contains(v1);

        ObjectNode big = (ObjectNode) Json.parse("{\"apiVersion\":\"example.com/v1\",\"kind\":\"Gadget\",\"metadata\":{\"name\":\"g\",\"namespace\":\"d\"},"
                .concat("\"spec\":{\"size\":9,\"colour\":\"red\"}}").getBytes(StandardCharsets.UTF_8), false);
        v1.rules().applyDefaults(big);
        assertThat(big.path("spec").has("colour")).as("pruned").isFalse();
        assertThat(Validator.forCreate(v1, big)).singleElement().satisfies(c -> assertThat(c.field()).isEqualTo("spec.size"));

        long generation = custom.generation();
        custom.changed(definition("gadgets.example.com", "gadgets", "Gadget", "2026-01-01T00:00:00Z"), true);
        assertThat(custom.generation()).isGreaterThan(generation);
        assertThat(kinds.byResource("example.com", "v1", "gadgets")).isEmpty();
        assertThat(kinds.all()).noneMatch(ResourceKind::isCustom);
    }

    @Test
    void aYoungerDefinitionWhoseKindIsTakenIsNotServed() {
        CustomKinds custom = new CustomKinds();
        custom.changed(definition("gadgets.example.com", "gadgets", "Gadget", "2026-01-01T00:00:00Z"), false);
        custom.changed(definition("widgets.example.com", "widgets", "Gadget", "2026-01-02T00:00:00Z"), false);
        assertThat(custom.byResource("example.com", "v1", "gadgets")).isPresent();
        assertThat(custom.byResource("example.com", "v1", "widgets")).isEmpty();
        custom.changed(definition("gadgets.example.com", "gadgets", "Gadget", "2026-01-01T00:00:00Z"), true);
        assertThat(custom.byResource("example.com", "v1", "widgets")).as("the name is free again").isPresent();
    }

    @Test
    void openApiPublishesTheSchemaOfEveryServedVersionForKubectlExplain() {
        CustomKinds custom = new CustomKinds();
        custom.changed(definition("gadgets.example.com", "gadgets", "Gadget", "2026-01-01T00:00:00Z"), false);
        OpenApi docs = OpenApi.BUILT_IN.withCustom(custom.served());
        assertThat(docs.servesV3("apis/example.com/v1")).isTrue();
        assertThat(docs.v3Root().path("paths").has("apis/example.com/v1")).isTrue();
        assertThat(docs.v3Root().path("paths").has("api/v1")).as("built-in documents stay").isTrue();
        var schema = docs.v3GroupVersion("example.com/v1").orElseThrow().path("components").path("schemas").path("com.example.v1.Gadget");
        assertThat(schema.path("x-kubernetes-group-version-kind").get(0).path("kind").asText()).isEqualTo("Gadget");
        assertThat(schema.path("properties").path("spec").path("properties").path("size").path("maximum").asInt()).isEqualTo(3);
        assertThat(schema.path("properties").path("metadata").path("allOf").get(0).path("$ref").asText())
                .isEqualTo("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
        assertThat(docs.v2().path("paths").has("/apis/example.com/v1/namespaces/{namespace}/gadgets/{name}")).isTrue();
    }
}
