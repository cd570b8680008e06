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

/** type, nullable and x-kubernetes-int-or-string. */
class StructuralSchemaTypeTest {
    static final StructuralSchema SCHEMA = spec("""
            type: object
            properties:
              replicas: {type: integer}
              ratio: {type: number}
              name: {type: string}
              nick: {type: string, nullable: true}
              flag: {type: boolean}
              tags: {type: array, items: {type: string}}
              port: {x-kubernetes-int-or-string: true}
              version: {type: integer, format: int32}
              at: {type: string, format: date-time}
            """);

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("all valid", "{replicas: 3, ratio: 1.5, name: a, nick: b, flag: true, tags: [x], port: 80, version: 1}", List.of()),
                arguments("string for integer", "{replicas: '3'}", List.of(
                        "FieldValueTypeInvalid spec.replicas: Invalid value: \"string\": spec.replicas in body must be of type integer: \"string\"")),
                arguments("integral float is an integer", "{replicas: 1.0}", List.of()),
                arguments("fraction for integer", "{replicas: 1.5}", List.of(
                        "FieldValueTypeInvalid spec.replicas: Invalid value: \"number\": spec.replicas in body must be of type integer: \"number\"")),
                arguments("integer is a number", "{ratio: 2}", List.of()),
                arguments("string for boolean", "{flag: 'yes'}", List.of(
                        "FieldValueTypeInvalid spec.flag: Invalid value: \"string\": spec.flag in body must be of type boolean: \"string\"")),
                arguments("object for array", "{tags: {a: b}}", List.of(
                        "FieldValueTypeInvalid spec.tags: Invalid value: \"object\": spec.tags in body must be of type array: \"object\"")),
                arguments("item type", "{tags: [a, 2]}", List.of(
                        "FieldValueTypeInvalid spec.tags[1]: Invalid value: \"integer\": spec.tags[1] in body must be of type string: \"integer\"")),
                arguments("null without nullable", "{name: null}", List.of(
                        "FieldValueTypeInvalid spec.name: Invalid value: \"null\": spec.name in body must be of type string: \"null\"")),
                arguments("null with nullable", "{nick: null}", List.of()),
                arguments("int-or-string takes a string", "{port: http}", List.of()),
                arguments("int-or-string rejects a boolean", "{port: true}", List.of(
                        "FieldValueTypeInvalid spec.port: Invalid value: \"boolean\": spec.port in body must be of type integer,string: \"boolean\"")),
                arguments("int32 range is not checked", "{version: 4294967296}", List.of()),
                arguments("fraction for an int32", "{version: 1.5}", List.of(
                        "FieldValueTypeInvalid spec.version: Invalid value: \"float64\": spec.version in body must be of type int32: \"float64\"")),
                arguments("number for a date-time", "{at: 5}", List.of(
                        "FieldValueTypeInvalid spec.at: Invalid value: \"int64\": spec.at in body must be of type date-time: \"int64\"")),
                arguments("spec not an object", "'x'", List.of(
                        "FieldValueTypeInvalid spec: Invalid value: \"string\": spec in body must be of type object: \"string\"")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void types(String name, String specYaml, List<String> expected) {
        assertThat(render(SCHEMA.validate(object("apiVersion: x/v1\nkind: X\nspec: " + specYaml), null))).containsExactlyElementsOf(expected);
    }
}
