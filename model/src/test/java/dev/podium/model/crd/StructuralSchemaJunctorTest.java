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

/** anyOf, allOf, oneOf and not, as value validations of a structural schema. */
class StructuralSchemaJunctorTest {
    static final StructuralSchema SCHEMA = spec("""
            type: object
            properties:
              delta:
                x-kubernetes-int-or-string: true
                anyOf:
                - {maxLength: 5}
                - {pattern: '^x'}
              size: {type: integer, allOf: [{minimum: 1}, {maximum: 10}]}
              source:
                type: object
                properties: {uri: {type: string}, key: {type: string}, inline: {type: string}}
                oneOf:
                - required: [uri]
                - required: [inline]
              name: {type: string, not: {enum: [admin]}}
            """);

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("all valid", "{delta: hello, size: 5, source: {uri: x}, name: bob}", List.of()),
                arguments("anyOf second branch", "{delta: xylophone}", List.of()),
                arguments("anyOf does not restrict integers here", "{delta: 3}", List.of()),
                arguments("anyOf reports its best branch", "{delta: foobarbaz}", List.of(
                        "FieldValueInvalid <nil>: Invalid value: \"\": \"spec.delta\" must validate at least one schema (anyOf)",
                        "FieldValueTooLong spec.delta: Too long: may not be more than 5 bytes")),
                arguments("allOf", "{size: 11}", List.of(
                        "FieldValueInvalid spec.size: Invalid value: 11: spec.size in body should be less than or equal to 10",
                        "FieldValueInvalid <nil>: Invalid value: \"\": \"spec.size\" must validate all the schemas (allOf)")),
                arguments("oneOf none", "{source: {key: k}}", List.of(
                        "FieldValueInvalid <nil>: Invalid value: \"\": \"spec.source\" must validate one and only one schema (oneOf). Found none valid",
                        "FieldValueRequired spec.source.uri: Required value")),
                arguments("oneOf two", "{source: {uri: x, inline: y}}", List.of(
                        "FieldValueInvalid <nil>: Invalid value: \"\": \"spec.source\" must validate one and only one schema (oneOf). Found 2 valid alternatives")),
                arguments("not", "{name: admin}", List.of(
                        "FieldValueInvalid <nil>: Invalid value: \"\": \"spec.name\" must not validate the schema (not)")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void junctors(String name, String specYaml, List<String> expected) {
        assertThat(render(SCHEMA.validate(object("spec: " + specYaml), null))).containsExactlyElementsOf(expected);
    }
}
