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

/** maxLength, minLength, pattern, enum and required. */
class StructuralSchemaStringTest {
    static final StructuralSchema SCHEMA = spec("""
            type: object
            required: [cronSpec]
            properties:
              cronSpec: {type: string, pattern: '^\\d+$'}
              name: {type: string, maxLength: 5, minLength: 3}
              x: {type: string, enum: [a, b]}
              level: {type: integer, enum: [1, 2]}
              mode: {type: object, enum: [{a: 1}]}
              quote: {type: string, enum: ['say "hi"']}
              code: {type: string, pattern: '(?i)^ab[[:digit:]]{2}$'}
            """);

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("valid", "{cronSpec: '5', name: abc, x: a, level: 2, mode: {a: 1}}", List.of()),
                arguments("required", "{name: abc}", List.of("FieldValueRequired spec.cronSpec: Required value")),
                arguments("pattern", "{cronSpec: abc}", List.of(
                        "FieldValueInvalid spec.cronSpec: Invalid value: \"abc\": spec.cronSpec in body should match '^\\d+$'")),
                arguments("$ is the end of the text", "{cronSpec: \"12\\n\"}", List.of(
                        "FieldValueInvalid spec.cronSpec: Invalid value: \"12\\n\": spec.cronSpec in body should match '^\\d+$'")),
                arguments("Go pattern syntax", "{cronSpec: '1', code: AB12}", List.of()),
                arguments("Go pattern syntax, no match", "{cronSpec: '1', code: ab1}", List.of(
                        "FieldValueInvalid spec.code: Invalid value: \"ab1\": spec.code in body should match '(?i)^ab[[:digit:]]{2}$'")),
                arguments("too long", "{cronSpec: '1', name: abcdef}", List.of(
                        "FieldValueTooLong spec.name: Too long: may not be more than 5 bytes")),
                arguments("length counts characters", "{cronSpec: '1', name: héllo}", List.of()),
                arguments("too short", "{cronSpec: '1', name: ab}", List.of(
                        "FieldValueInvalid spec.name: Invalid value: \"ab\": spec.name in body should be at least 3 chars long")),
                arguments("enum", "{cronSpec: '1', x: c}", List.of(
                        "FieldValueNotSupported spec.x: Unsupported value: \"c\": supported values: \"a\", \"b\"")),
                arguments("numeric enum", "{cronSpec: '1', level: 3}", List.of(
                        "FieldValueNotSupported spec.level: Unsupported value: 3: supported values: \"1\", \"2\"")),
                arguments("object enum", "{cronSpec: '1', mode: {a: 2}}", List.of(
                        "FieldValueNotSupported spec.mode: Unsupported value: map[string]interface {}{\"a\":2}: supported values: \"{\\\"a\\\":1}\"")),
                arguments("quoting", "{cronSpec: '1', quote: x}", List.of(
                        "FieldValueNotSupported spec.quote: Unsupported value: \"x\": supported values: \"say \\\"hi\\\"\"")),
                arguments("null in an enum", "{cronSpec: '1', x: null}", List.of(
                        "FieldValueTypeInvalid spec.x: Invalid value: \"null\": spec.x in body must be of type string: \"null\"",
                        "FieldValueNotSupported spec.x: Unsupported value: \"null\": supported values: \"a\", \"b\"")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void strings(String name, String specYaml, List<String> expected) {
        assertThat(render(SCHEMA.validate(object("spec: " + specYaml), null))).containsExactlyElementsOf(expected);
    }
}
