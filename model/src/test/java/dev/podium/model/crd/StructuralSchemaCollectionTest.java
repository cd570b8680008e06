package dev.podium.model.crd;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static dev.podium.model.crd.SchemaFixtures.object;
import static dev.podium.model.crd.SchemaFixtures.render;
import static dev.podium.model.crd.SchemaFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Arrays and maps: item and property counts, additionalProperties, items, list-type set and map. */
class StructuralSchemaCollectionTest {
    static final StructuralSchema SCHEMA = spec("""
            type: object
            properties:
              items: {type: array, minItems: 2, maxItems: 3, items: {type: string}}
              labels: {type: object, minProperties: 1, maxProperties: 2, additionalProperties: {type: integer}}
              containers:
                type: array
                items: {type: object, required: [name], properties: {name: {type: string}}}
              tags: {type: array, x-kubernetes-list-type: set, items: {type: string}}
              ports:
                type: array
                x-kubernetes-list-type: map
                x-kubernetes-list-map-keys: [name]
                items: {type: object, properties: {name: {type: string}, port: {type: integer}}}
              routes:
                type: array
                x-kubernetes-list-type: map
                x-kubernetes-list-map-keys: [host, path]
                items: {type: object, properties: {host: {type: string}, path: {type: string}}}
              byZone:
                type: object
                additionalProperties: {type: array, x-kubernetes-list-type: set, items: {type: integer}}
            """);

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("valid", "{items: [a, b], labels: {a: 1}, containers: [{name: c}], tags: [a, b], ports: [{name: a}, {name: b}]}",
                        List.of()),
                arguments("too many items", "{items: [a, b, c, d]}", List.of(
                        "FieldValueTooMany spec.items: Too many: 4: must have at most 3 items")),
                arguments("too few items", "{items: [a]}", List.of(
                        "FieldValueInvalid spec.items: Invalid value: 1: spec.items in body should have at least 2 items")),
                arguments("too many properties", "{labels: {a: 1, b: 2, c: 3}}", List.of(
                        "FieldValueTooMany spec.labels: Too many: 3: must have at most 2 items")),
                arguments("too few properties", "{labels: {}}", List.of(
                        "FieldValueInvalid spec.labels: Invalid value: 0: spec.labels in body should have at least 1 properties")),
                arguments("additionalProperties schema", "{labels: {a: x}}", List.of(
                        "FieldValueTypeInvalid spec.labels.a: Invalid value: \"string\": spec.labels.a in body must be of type integer: \"string\"")),
                arguments("required inside items", "{containers: [{name: a}, {}]}", List.of(
                        "FieldValueRequired spec.containers[1].name: Required value")),
                arguments("set duplicates", "{tags: [a, b, a, a, b]}", List.of(
                        "FieldValueDuplicate spec.tags[2]: Duplicate value: \"a\"",
                        "FieldValueDuplicate spec.tags[4]: Duplicate value: \"b\"")),
                arguments("map keys duplicated", "{ports: [{name: http, port: 80}, {name: http, port: 81}]}", List.of(
                        "FieldValueDuplicate spec.ports[1]: Duplicate value: map[string]interface {}{\"name\":\"http\"}")),
                arguments("map keys missing twice", "{ports: [{port: 80}, {port: 81}]}", List.of(
                        "FieldValueDuplicate spec.ports[1]: Duplicate value: map[string]interface {}{}")),
                arguments("composite map keys", "{routes: [{host: a, path: /}, {host: a, path: /x}, {host: a, path: /}]}", List.of(
                        "FieldValueDuplicate spec.routes[2]: Duplicate value: map[string]interface {}{\"host\":\"a\", \"path\":\"/\"}")),
                arguments("set under a map value", "{byZone: {eu: [1, 1]}}", List.of(
                        "FieldValueDuplicate spec.byZone[eu][1]: Duplicate value: 1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void collections(String name, String specYaml, List<String> expected) {
        assertThat(render(SCHEMA.validate(object("spec: " + specYaml), null))).containsExactlyElementsOf(expected);
    }
}
